"""Typed dependencies shared by pages and the API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from finder.db import get_engine
from finder.hours import now
from finder.settings import Settings


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    with Session(get_engine(settings)) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_now() -> datetime:
    """The moment "open now" is judged at, in Zwolle's time; tests set it through the app's
    dependency overrides."""
    return now()


NowDep = Annotated[datetime, Depends(get_now)]
