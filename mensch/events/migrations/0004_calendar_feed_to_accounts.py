# The events calendar feed joins the one feed in accounts: each address is copied there
# (same token, so subscriptions keep working), then the events table goes.

import hashlib

from django.db import migrations


def copy_feeds(apps, schema_editor):
    old = apps.get_model('events', 'CalendarFeed')
    new = apps.get_model('accounts', 'CalendarFeed')
    for feed in old.objects.all().iterator():
        new.objects.update_or_create(
            member_id=feed.member_id,
            defaults={
                'token': feed.token,
                'token_digest': hashlib.sha256(feed.token.encode()).hexdigest(),
                'created_at': feed.created_at,
                'revoked_at': None,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_calendarfeed'),
        ('events', '0003_event_currency_iso4217'),
    ]

    operations = [
        migrations.RunPython(copy_feeds, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='CalendarFeed',
        ),
    ]
