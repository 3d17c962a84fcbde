"""Demo portal content, loaded by ``python manage.py load_demo``."""
