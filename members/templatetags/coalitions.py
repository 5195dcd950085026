"""`{% member_coalitions member as coalitions %}`: the coalitions a member is in (LH §3.4), each
with `.others` (the other members), for the member's page, in one query."""

from django import template

from members.selectors_decisions import coalitions_of

register = template.Library()


@register.simple_tag
def member_coalitions(member):
    coalitions = coalitions_of(member)
    for coalition in coalitions:
        coalition.others = [partner for partner in coalition.partners if partner.pk != member.pk]
    return coalitions
