# The follow-ups calendar feed joins the one feed in accounts. A member without a feed
# there gets this address; a member who already has one (from the events feed, copied
# first) keeps this address working as ``former_digest`` until they replace it.

import hashlib

from django.db import migrations


def copy_feeds(apps, schema_editor):
    old = apps.get_model('followups', 'CalendarFeed')
    new = apps.get_model('accounts', 'CalendarFeed')
    for feed in old.objects.all().iterator():
        digest = hashlib.sha256(feed.token.encode()).hexdigest()
        existing = new.objects.filter(member_id=feed.member_id).first()
        if existing is None:
            new.objects.create(
                member_id=feed.member_id,
                token=feed.token,
                token_digest=digest,
                created_at=feed.created_at,
            )
        elif existing.token_digest != digest:
            existing.former_digest = digest
            existing.save(update_fields=['former_digest'])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_calendarfeed'),
        ('events', '0004_calendar_feed_to_accounts'),
        ('followups', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(copy_feeds, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CalendarFeed',
        ),
    ]
