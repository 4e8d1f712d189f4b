"""Who may do what: ACL rules, ACL groups (blocks), granted permissions, and `can()`.

Every permission question in the wiki goes through ``seedwiki.permissions.decide.can``.
"""
