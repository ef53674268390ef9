"""Store queries for factors, prompts and the meeting (phases, parking lot).

A part of `Store`, written against `StoreBase` (the connection and transactions).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from facilitator_tui.models import Factor, ParkedIdea, PhaseSpan, Prompt, PromptState, ReviewFactor
from facilitator_tui.store.base import StoreBase
from facilitator_tui.store.rows import parse_ts, ts


class MeetingQueries(StoreBase):
    # Rows read back are our own, validated when they were written: their models are
    # built without validating again (`model_construct`).

    # -- factors -----------------------------------------------------------------

    def list_review_factors(self, review_id: int) -> list[ReviewFactor]:
        rows = self.conn.execute(
            "SELECT factor_id, ticked, note FROM review_factors WHERE review_id = ? ORDER BY factor_id",
            (review_id,),
        ).fetchall()
        return [ReviewFactor.model_construct(review_id=review_id, factor_id=r[0], ticked=bool(r[1]),
                                             note=r[2]) for r in rows]

    def set_review_factor(self, review_id: int, factor_id: str, *, ticked: bool | None = None,
                          note: str | None = None) -> ReviewFactor:
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO review_factors (review_id, factor_id) VALUES (?, ?)",
                (review_id, factor_id),
            )
            if ticked is not None:
                self.conn.execute(
                    "UPDATE review_factors SET ticked = ? WHERE review_id = ? AND factor_id = ?",
                    (int(ticked), review_id, factor_id),
                )
            if note is not None:
                self.conn.execute(
                    "UPDATE review_factors SET note = ? WHERE review_id = ? AND factor_id = ?",
                    (note, review_id, factor_id),
                )
            self.touch_review(review_id)
        row = self.conn.execute(
            "SELECT ticked, note FROM review_factors WHERE review_id = ? AND factor_id = ?",
            (review_id, factor_id),
        ).fetchone()
        return ReviewFactor.model_construct(review_id=review_id, factor_id=factor_id,
                                            ticked=bool(row[0]), note=row[1])

    def list_custom_factors(self, review_id: int) -> list[Factor]:
        rows = self.conn.execute(
            'SELECT id, "group", name, description FROM custom_factors WHERE review_id = ? ORDER BY rowid',
            (review_id,),
        ).fetchall()
        return [Factor.model_construct(id=r[0], group=r[1], name=r[2], description=r[3], custom=True)
                for r in rows]

    def add_custom_factor(self, review_id: int, factor: Factor) -> None:
        with self.transaction():
            self.table("custom_factors").insert(
                {"review_id": review_id, "id": factor.id, "group": factor.group,
                 "name": factor.name, "description": factor.description}
            )

    # -- prompts -----------------------------------------------------------------

    def list_prompt_states(self, review_id: int) -> list[PromptState]:
        rows = self.conn.execute(
            "SELECT prompt_id, asked_at, starred FROM prompt_state WHERE review_id = ? ORDER BY prompt_id",
            (review_id,),
        ).fetchall()
        return [PromptState.model_construct(review_id=review_id, prompt_id=r[0],
                                           asked_at=parse_ts(r[1]), starred=bool(r[2])) for r in rows]

    def set_prompt_state(self, review_id: int, prompt_id: str, *,
                         asked_at: datetime | bool | None = False,
                         starred: bool | None = None) -> None:
        """Update a prompt's state; `asked_at=False` leaves it as it is, None clears it."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO prompt_state (review_id, prompt_id) VALUES (?, ?)",
                (review_id, prompt_id),
            )
            if asked_at is not False:
                self.conn.execute(
                    "UPDATE prompt_state SET asked_at = ? WHERE review_id = ? AND prompt_id = ?",
                    (ts(asked_at) if isinstance(asked_at, datetime) else None, review_id, prompt_id),
                )
            if starred is not None:
                self.conn.execute(
                    "UPDATE prompt_state SET starred = ? WHERE review_id = ? AND prompt_id = ?",
                    (int(starred), review_id, prompt_id),
                )

    def list_custom_prompts(self, review_id: int) -> list[Prompt]:
        rows = self.conn.execute(
            "SELECT id, text, theme, phases FROM custom_prompts WHERE review_id = ? ORDER BY rowid",
            (review_id,),
        ).fetchall()
        if not rows:
            return []  # most reviews have none, and then json is not even loaded
        import json

        return [Prompt.model_construct(id=r[0], text=r[1], theme=r[2], phases=json.loads(r[3]),
                                       custom=True) for r in rows]

    def add_custom_prompt(self, review_id: int, prompt: Prompt) -> None:
        import json

        with self.transaction():
            self.table("custom_prompts").insert(
                {"review_id": review_id, "id": prompt.id, "text": prompt.text,
                 "theme": prompt.theme, "phases": json.dumps(list(prompt.phases))}
            )

    # -- meeting -----------------------------------------------------------------

    def list_phase_spans(self, review_id: int) -> list[PhaseSpan]:
        rows = self.conn.execute(
            "SELECT phase, started_at, ended_at FROM phase_spans WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        return [PhaseSpan.model_construct(review_id=review_id, phase=r[0], started_at=parse_ts(r[1]),
                                        ended_at=parse_ts(r[2])) for r in rows]

    def enter_phase(self, review_id: int, phase: str, at: datetime) -> None:
        """Close the open phase span and open a new one, in one transaction."""
        with self.transaction():
            self.conn.execute(
                "UPDATE phase_spans SET ended_at = ? WHERE review_id = ? AND ended_at IS NULL",
                (ts(at), review_id),
            )
            self.conn.execute(
                "INSERT INTO phase_spans (review_id, phase, started_at) VALUES (?, ?, ?)",
                (review_id, phase, ts(at)),
            )
            self.conn.execute(
                "UPDATE reviews SET current_phase = ?, updated_at = ? WHERE id = ?",
                (phase, ts(at), review_id),
            )

    def end_phase_spans(self, review_id: int, at: datetime) -> None:
        self.conn.execute(
            "UPDATE phase_spans SET ended_at = ? WHERE review_id = ? AND ended_at IS NULL",
            (ts(at), review_id),
        )

    def insert_phase_spans(self, review_id: int, spans: Iterable[PhaseSpan]) -> None:
        self.conn.executemany(
            "INSERT INTO phase_spans (review_id, phase, started_at, ended_at) VALUES (?,?,?,?)",
            [(review_id, s.phase, ts(s.started_at), ts(s.ended_at)) for s in spans],
        )

    def list_parked(self, review_id: int) -> list[ParkedIdea]:
        rows = self.conn.execute(
            "SELECT id, text, created_at, action_note_id FROM parked_ideas WHERE review_id = ? ORDER BY id",
            (review_id,),
        ).fetchall()
        return [ParkedIdea.model_construct(id=r[0], review_id=review_id, text=r[1],
                                         created_at=parse_ts(r[2]), action_note_id=r[3]) for r in rows]

    def add_parked(self, idea: ParkedIdea) -> ParkedIdea:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO parked_ideas (review_id, text, created_at, action_note_id) VALUES (?,?,?,?)",
                (idea.review_id, idea.text, ts(idea.created_at), idea.action_note_id),
            )
        return idea.model_copy(update={"id": cur.lastrowid})

    def delete_parked(self, idea_id: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM parked_ideas WHERE id = ?", (idea_id,))

    def set_parked_action(self, idea_id: int, note_id: int) -> None:
        self.conn.execute("UPDATE parked_ideas SET action_note_id = ? WHERE id = ?", (note_id, idea_id))

