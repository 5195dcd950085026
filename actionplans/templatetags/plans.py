"""The member page's list of action plans (`actionplans/_member_plans.html`), read through the
selector that scopes drafts to the people who may see them."""

from django import template

from actionplans.selectors import joint_plans_of_member, plans_of_member
from actionplans.selectors import plans_of_coalition as select_plans_of_coalition

register = template.Library()


@register.simple_tag(takes_context=True)
def plans_of(context, member):
    return plans_of_member(member, user=context["request"].user)


@register.simple_tag(takes_context=True)
def joint_plans_of(context, member):
    """The joint plans of the coalitions `member` belongs to (LH §3.4), for its page."""
    return joint_plans_of_member(member, user=context["request"].user)


@register.simple_tag(takes_context=True)
def can_start_plan(context, member):
    return context["request"].user.has_perm("actionplans.add_actionplan", member)


@register.simple_tag(takes_context=True)
def plans_of_coalition(context, coalition):
    return select_plans_of_coalition(coalition, user=context["request"].user)


@register.simple_tag(takes_context=True)
def can_start_joint_plan(context, coalition):
    return context["request"].user.has_perm("actionplans.start_joint_plan", coalition)
