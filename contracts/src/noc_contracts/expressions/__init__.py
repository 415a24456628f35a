"""The expression language of procedures: Jinja2 in a sandbox, shared by every layer.

Only procedure text is a template. The backend compiles templates on save, the desktop while
the user types, the scheduler evaluates them at run time; all three use this one environment,
so a filter or test that compiles here is one the scheduler knows.

- ``make_environment()``: the sandboxed environment (soft bounds on time and size, see
  ``Budget``) with Ansible's filters and tests (``vocabulary``, written from Ansible's
  documented behaviour; docs/expressions.md); ``is_template`` tells a template from text.
- ``check_template`` / ``check_expression``: compile a template or a bare expression and check
  the names it uses against the context (``host``, ``steps.<id>``, ``loop.<id>``, ``vars``,
  ``execution``), returning every problem as a sentence.
"""

from noc_contracts.expressions.budget import Budget, BudgetExceeded, budget
from noc_contracts.expressions.check import check_expression, check_template
from noc_contracts.expressions.language import (
    CONTEXT_FIELDS,
    CONTEXT_ROOTS,
    ExpressionEnvironment,
    is_template,
    make_environment,
)

__all__ = [
    "CONTEXT_FIELDS",
    "CONTEXT_ROOTS",
    "Budget",
    "BudgetExceeded",
    "ExpressionEnvironment",
    "budget",
    "check_expression",
    "check_template",
    "is_template",
    "make_environment",
]
