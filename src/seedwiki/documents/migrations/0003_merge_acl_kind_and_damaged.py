# Joins two migrations written in parallel branches (acl: revision kinds; main: damaged revisions).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0002_alter_revision_kind"),
        ("documents", "0002_revision_damaged"),
    ]

    operations = []
