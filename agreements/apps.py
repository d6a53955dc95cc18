from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements knowledge base")

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from agreements.history.recording import fill_history_details

        pre_create_historical_record.connect(fill_history_details, dispatch_uid="kb-history")
