"""The ASGI entry point for uvicorn workers."""

from finder.app import create_app
from finder.server import fewer_malloc_arenas

fewer_malloc_arenas()
app = create_app()
