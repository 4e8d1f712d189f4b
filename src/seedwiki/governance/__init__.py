"""Operator tools over the permissions app: ACL groups and blocks, grants, /BlockHistory, login
history, batch revert and hidden revisions. Every tool is a service (plain function) that the pages
and the `seedwiki` command both call; who may use it is asked of the permissions app.
"""
