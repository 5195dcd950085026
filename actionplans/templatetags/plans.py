"""The member page's list of action plans (`actionplans/_member_plans.html`), read through the
selector that scopes drafts to the people who may see them."""

from django import template

from actionplans.selectors import plans_of_member

register = template.Library()


@register.simple_tag(takes_context=True)
def plans_of(context, member):
    return plans_of_member(member, user=context["request"].user)


@register.simple_tag(takes_context=True)
def can_start_plan(context, member):
    return context["request"].user.has_perm("actionplans.add_actionplan", member)
