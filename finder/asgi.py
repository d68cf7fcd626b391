"""The ASGI entry point for uvicorn workers."""

from finder.app import create_app

app = create_app()
