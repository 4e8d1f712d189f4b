from django.urls import path

from seedwiki.governance.views import aclgroup, admin, blockhistory, hide

urlpatterns = [
    path("aclgroup", aclgroup.aclgroup, name="aclgroup"),
    path("aclgroup/remove", aclgroup.remove, name="aclgroup_remove"),
    path("aclgroup/group_add", aclgroup.group_add, name="aclgroup_group_add"),
    path("aclgroup/group_remove", aclgroup.group_remove, name="aclgroup_group_remove"),
    path("BlockHistory", blockhistory.block_history, name="block_history"),
    path("admin/grant", admin.grant, name="admin_grant"),
    path("admin/login_history", admin.login_history, name="admin_login_history"),
    path("admin/batch_revert", admin.batch_revert, name="admin_batch_revert"),
    path("admin/hide_revision", hide.hide_revision, name="admin_hide_revision"),
]
