"""Can a reader check every source? Lists what stops them; exits 1 on a failure."""

from django.core.management.base import BaseCommand, CommandError

from agreements.history.source_checks import check_sources


def _citation(citation) -> str:
    fact = f"{citation.content_type.model} #{citation.object_id}"
    if citation.field_name:
        fact += f" {citation.field_name}"
    return f"{fact} ← {citation.document.slug}"


class Command(BaseCommand):
    help = (
        "List documents without an address (or a stated reason), locators on them, quotes "
        "their document's text does not hold, and key facts cited without a locator. Exits "
        "1 if any of the first three is found."
    )

    def handle(self, *args, **options):
        report = check_sources()
        sections = [
            (
                "Documents with no address and no stated reason",
                [document.slug for document in report.without_address],
            ),
            (
                "Locators on documents no reader can open, with no stated reason",
                [f"{_citation(c)}: {c.locator}" for c in report.located_but_unreachable],
            ),
            (
                "Quotes not in their document's stored text",
                [f"{_citation(c)}: “{c.quote}”" for c in report.quotes_not_in_text],
            ),
            (
                "Key facts cited without a locator (to locate once the text is read)",
                [_citation(c) for c in report.unlocated_key_facts],
            ),
            (
                "Stated exceptions: documents with no public address, and why",
                [f"{d.slug}: {d.no_address_reason}" for d in report.stated_exceptions],
            ),
        ]
        for title, lines in sections:
            self.stdout.write(f"{title}: {len(lines)}")
            for line in lines:
                self.stdout.write(f"  {line}")
        if report.failures:
            raise CommandError(f"{report.failures} source problem(s) found.")
        self.stdout.write(self.style.SUCCESS("Every source can be checked."))
