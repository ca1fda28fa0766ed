"""The hub's practices editors were members of the `practice-editors` group; they become
PlatformRole rows, given and taken like every other role."""

from django.db import migrations

GROUP = "practice-editors"
ROLE = "practices_editor"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    PlatformRole = apps.get_model("communities", "PlatformRole")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    for user in group.user_set.all():
        PlatformRole.objects.get_or_create(user=user, role=ROLE)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    PlatformRole = apps.get_model("communities", "PlatformRole")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for role in PlatformRole.objects.filter(role=ROLE).select_related("user"):
        group.user_set.add(role.user)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("communities", "0002_community_details_platform_roles_invitations"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
