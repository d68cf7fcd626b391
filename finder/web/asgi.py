"""The ASGI entry point for uvicorn workers."""

from finder.web.app import create_app

app = create_app()
