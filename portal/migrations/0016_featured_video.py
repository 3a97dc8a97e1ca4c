# The home page's video of the day as content of its own (FeaturedVideo),
# reviewed like the rest; an article's own video stays on the article.
# Its permissions reach the groups through sync_roles (portal.editorial.roles).

import django.db.models.deletion
import portal.uploads
from django.db import migrations, models

from portal.editorial.roles import sync_roles


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('portal', '0015_article_search_vector'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='featured_video_url',
            field=models.URLField(blank=True, help_text="A YouTube or Vimeo address, shown on the article behind a play button. The home page's video of the day is scheduled under Featured videos."),
        ),
        migrations.CreateModel(
            name='FeaturedVideo',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=20)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('go_live_at', models.DateTimeField(blank=True, help_text='Approved to go live at this time (set on approval).', null=True)),
                ('expires_at', models.DateTimeField(blank=True, help_text='Comes off the site at this time (set on approval).', null=True)),
                ('date', models.DateField(error_messages={'unique': 'Another video is already scheduled for this date. Choose another day, or edit that video instead.'}, help_text="The day it is shown on the home page (in the site's time zone).", unique=True)),
                ('title', models.CharField(max_length=200)),
                ('caption', models.TextField(help_text='One or two plain sentences shown under the video.', max_length=300)),
                ('video_url', models.URLField(help_text='A YouTube or Vimeo address. It plays from the privacy-enhanced player (youtube-nocookie.com, or Vimeo without tracking).', max_length=500, verbose_name='video address')),
                ('thumbnail', models.ImageField(help_text='A still from the video, 16:9, as JPEG, PNG or WebP up to 5 MB. It is served from this site, so showing it tells the video host nothing.', upload_to=portal.uploads.thumbnail_path)),
                ('transcript_url', models.URLField(error_messages={'blank': 'Add the address of a transcript: visitors who cannot hear the video read it there.'}, help_text='Where the words of the video can be read: visitors who cannot hear it, or prefer to read, need it.', max_length=500, verbose_name='transcript address')),
                ('object_id', models.PositiveBigIntegerField()),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'ordering': ['-date'],
                'permissions': [('publish_featuredvideo', 'Can approve featured videos')],
                'abstract': False,
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'archived'])), name='portal_featuredvideo_status_valid'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='portal_featuredvideo_published_has_date')],
            },
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
