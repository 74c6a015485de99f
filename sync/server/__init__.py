"""The county server (FastAPI on SQLAlchemy Core): accounts, territories and the sync endpoints."""
