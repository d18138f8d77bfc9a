import pytest

from ams.auth.principal import Principal, PrincipalKind
from ams.auth.roles import Permission, Role, grantable_roles, role_allows
from ams.errors import Forbidden, NotFound


def _user(role: Role, org: str = "org_a") -> Principal:
    return Principal(PrincipalKind.USER, "usr_1", "u@x", user_id="usr_1", memberships={org: role})


def test_roles_follow_the_design_matrix():
    assert role_allows(Role.VIEWER, Permission.READ, is_owner=False)
    assert not role_allows(Role.VIEWER, Permission.AGENT_LIFECYCLE, is_owner=True)
    assert role_allows(Role.OPERATOR, Permission.AGENT_LIFECYCLE, is_owner=False)
    assert not role_allows(Role.OPERATOR, Permission.AGENT_EDIT, is_owner=True)
    assert role_allows(Role.AGENT_OWNER, Permission.AGENT_EDIT, is_owner=True)
    assert not role_allows(Role.AGENT_OWNER, Permission.AGENT_EDIT, is_owner=False)
    assert role_allows(Role.AGENT_OWNER, Permission.AGENT_CREATE, is_owner=False)
    assert not role_allows(Role.AGENT_OWNER, Permission.USER_MANAGE, is_owner=True)
    assert all(role_allows(Role.ADMIN, p, is_owner=False) for p in Permission)


def test_keys_never_exceed_their_maker():
    assert grantable_roles(Role.OPERATOR) == {Role.VIEWER, Role.OPERATOR}
    assert grantable_roles(Role.ADMIN) == set(Role)


def test_other_tenant_is_not_found_not_forbidden():
    with pytest.raises(NotFound):
        _user(Role.ADMIN).require(Permission.READ, "org_b")


def test_visible_but_not_permitted_is_forbidden():
    with pytest.raises(Forbidden, match="viewer"):
        _user(Role.VIEWER).require(Permission.AGENT_LIFECYCLE, "org_a")


def test_project_key_sees_only_its_project():
    key = Principal(
        PrincipalKind.PROJECT_KEY,
        "key_1",
        "key:ams_x",
        organization_id="org_a",
        project_id="prj_1",
        key_role=Role.OPERATOR,
    )
    assert key.can_see("org_a", "prj_1")
    assert not key.can_see("org_a", "prj_2")
    assert key.allows(Permission.AGENT_LIFECYCLE, "org_a")
    assert not key.allows(Permission.AGENT_CREATE, "org_a")


def test_agent_key_sees_only_its_agent_and_only_reads():
    key = Principal(
        PrincipalKind.AGENT_KEY, "key_2", "key:ams_y", organization_id="org_a", project_id="prj_1", agent_id="agt_1"
    )
    assert key.can_see("org_a", "prj_1", "agt_1")
    assert not key.can_see("org_a", "prj_1", "agt_2")
    assert key.allows(Permission.READ, "org_a")
    assert not key.allows(Permission.AGENT_LIFECYCLE, "org_a")
