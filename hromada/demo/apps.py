from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "hromada.demo"
    verbose_name = "Demo"
