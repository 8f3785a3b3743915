"""Creating accounts for adults (organisers, professionals, teachers) and classes."""

from __future__ import annotations

import re

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from server.config import Settings
from server.db import create_engine, create_session_factory
from server.models import ADULT_ROLES, ClassTeacher, SchoolClass, User
from server.passwords import hash_password

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8


async def save_adult(db: AsyncSession, *, email: str, password: str, name: str, role: str) -> User:
    """Create the account, or update its name, role and password (no commit)."""
    email = email.strip().lower()
    if not EMAIL_RE.match(email):
        raise ValueError(f"{email!r} is not an e-mail address")
    if role not in ADULT_ROLES:
        raise ValueError(f"{role!r} is not a role for an adult account")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password needs at least {MIN_PASSWORD} characters")
    user = (await db.exec(select(User).where(User.email == email))).first() or User(email=email, role=role, name=name)
    user.role, user.name, user.password_hash = role, name, hash_password(password)
    db.add(user)
    await db.flush()
    return user


async def save_class(db: AsyncSession, *, code: str, label: str, school: str, teacher: User) -> SchoolClass:
    school_class = (await db.exec(select(SchoolClass).where(SchoolClass.code == code))).first()
    school_class = school_class or SchoolClass(code=code, label=label, school=school)
    school_class.label, school_class.school = label, school
    db.add(school_class)
    await db.flush()
    assert school_class.id is not None and teacher.id is not None
    if await db.get(ClassTeacher, (school_class.id, teacher.id)) is None:
        db.add(ClassTeacher(class_id=school_class.id, user_id=teacher.id))
    return school_class


async def create_adult(settings: Settings, **fields: str) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with create_session_factory(engine)() as db:
            await save_adult(db, **fields)
            await db.commit()
    finally:
        await engine.dispose()
