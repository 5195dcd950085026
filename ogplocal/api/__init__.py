"""What every API view shares: the permission class that denies unless a rule allows."""
