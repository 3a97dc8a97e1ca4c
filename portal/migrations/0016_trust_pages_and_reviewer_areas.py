# Site pages (About, Editorial policy, Contact, Privacy) reviewed like
# content; the clinical area of each clinical page and the areas each
# reviewer may sign off. Existing pages start in general medicine and
# existing reviewers with no area: approving a page asks for them.
# The site pages' permissions reach the groups through sync_roles.

from django.db import migrations, models

from portal.editorial.roles import sync_roles


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0015_article_search_vector'),
    ]

    operations = [
        migrations.CreateModel(
            name='SitePage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('in_review', 'In review'), ('published', 'Published'), ('archived', 'Archived')], db_index=True, default='draft', max_length=20)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('go_live_at', models.DateTimeField(blank=True, help_text='Approved to go live at this time (set on approval).', null=True)),
                ('expires_at', models.DateTimeField(blank=True, help_text='Comes off the site at this time (set on approval).', null=True)),
                ('slug', models.SlugField(choices=[('about', 'About us'), ('editorial-policy', 'Editorial policy'), ('contact', 'Contact us'), ('privacy', 'Privacy')], help_text="Which of the site's pages this is; each has a fixed address.", max_length=40, unique=True)),
                ('title', models.CharField(max_length=120)),
                ('summary', models.TextField(help_text='One or two plain sentences.', max_length=300)),
                ('body', models.TextField(help_text='Markdown.')),
                ('body_html', models.TextField(blank=True, editable=False)),
                ('last_updated', models.DateField(blank=True, help_text='Set when a change to the page is approved.', null=True)),
            ],
            options={
                'ordering': ['slug'],
                'permissions': [('publish_sitepage', 'Can approve and publish site pages')],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='article',
            name='clinical_area',
            field=models.CharField(choices=[('general', 'General medicine'), ('urgent-care', 'Urgent and emergency care'), ('neurology', 'Neurology'), ('vascular', 'Vascular medicine'), ('musculoskeletal', 'Muscles, bones and joints'), ('nutrition', 'Nutrition and diet')], default='general', help_text='The clinical area the page belongs to: only a clinician qualified in it can sign off its medical review.', max_length=20),
        ),
        migrations.AddField(
            model_name='author',
            name='review_areas',
            field=models.JSONField(blank=True, default=list, help_text="The clinical areas this medical reviewer is qualified to sign off; a page's medical reviewer must be qualified in the page's area.", verbose_name='qualified to review'),
        ),
        migrations.AlterField(
            model_name='source',
            name='accessed_on',
            field=models.DateField(help_text='When the source was last read for the pages citing it: never after their last medical review.', verbose_name='date accessed'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('clinical_area__in', ['general', 'urgent-care', 'neurology', 'vascular', 'musculoskeletal', 'nutrition'])), name='portal_article_clinical_area_valid'),
        ),
        migrations.AddConstraint(
            model_name='sitepage',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'in_review', 'published', 'archived'])), name='portal_sitepage_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='sitepage',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), ('published_at__isnull', False), _connector='OR'), name='portal_sitepage_published_has_date'),
        ),
        migrations.AddConstraint(
            model_name='sitepage',
            constraint=models.CheckConstraint(condition=models.Q(('slug__in', ['about', 'editorial-policy', 'contact', 'privacy'])), name='sitepage_slug_valid'),
        ),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
