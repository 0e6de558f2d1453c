"""schemathesis hooks of `npm run test:api-fuzz` (scripts/schemathesis.sh loads this file with SCHEMATHESIS_HOOKS).

The OpenAPI document states every rule a JSON Schema can state (types, patterns, lengths, enums, closed objects).
A few rules of the server depend on the clock or on stored state, which no schema can state; for those, this file
steers the *positive* (schema-valid) cases the fuzzer generates towards values the rule admits, so that
"schema-valid request rejected" (ST202) means a real mismatch. Negative cases are never touched, so the server's
rejection of the same values is still fuzzed. docs/security.md ("API fuzzing") lists each steering and why:

- travel dates (`date` in a query or body, the date part of a trip id `<schedule>_<YYYY-MM-DD>` in a path): the
  trains module books from today (UTC) up to TRAINS_BOOKING_HORIZON_DAYS (90) ahead, so a date outside that window
  is moved into it (TRAINS.DATE_IN_PAST / TRAINS.DATE_TOO_FAR are answered for the rest);
- request ids (`X-Request-ID`, `Idempotency-Key`): a key reused with another body is 422 (IETF idempotency-key draft),
  so every positive case gets a fresh well-formed key;
- seats of a trip (`seats` of the holds and purchases bodies, `seat_number(s)` of seed 002's seat and ticket routes):
  a seat must exist on the trip's train, so a seat id or
  number that not every train of the memory catalogue has is replaced by one every train has (seats C-1 to C-60
  and the seat numbers 1-40, which never name a C seat), keeping them distinct.

- a new password must not be the account's own email or its local part (422 IDENTITY.WEAK_PASSWORD, a rule across
  two fields): a positive case whose password is one gets a character changed.

- an interest's `low_value` must be below its `high_value` (422 FLIGHTS.THRESHOLD_ORDER, across two fields): a
  positive case with both set and in the wrong order gets them swapped (equal ones lose `low_value`).

- an order's (`method`, `installment`) pair must be a row of the methods table (400 ORDERS.INVALID_METHOD): a positive
  case whose installment the method does not allow gets the method's largest allowed count.

- no JSON body may hold a `__proto__` key (or `constructor` holding `prototype`) at any depth (400
  REQUEST.FORBIDDEN_JSON_KEY, the platform's body rule): such keys are dropped from the extra properties positive cases
  add to open objects.

One steering works around schemathesis itself: it generates `\p{M}` (in the person-name pattern) from a block range
that includes unassigned code points (U+20F1-U+20FF), which are not marks for the server (or Unicode); positive cases
drop unassigned code points from `first_name`, `last_name` and `name`.

One answer is kept, not steered: seed 002's seat-lock routes (`POST /api/book-seat`, `POST /api/cancel-seat`, the
original cache service) answer 400 where a REST route answers 401, 404 or 409 — no token, seat already booked, seat
not booked, hold limits — because the original's clients and k6 script accept only 200/400 (docs/compatibility.md).
Those 400s carry the stable code of what happened, so `filter_failure` drops exactly the failures a 400 with one of
those codes causes on those two routes (ST202, and ST203/ST401, which demand 401 without credentials); a 400 for
anything else there (a validation failure, an unknown seat or date) still fails the run.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import unicodedata
import re
import uuid

import schemathesis

HORIZON_DAYS = 90  # TRAINS_BOOKING_HORIZON_DAYS default (src/modules/trains/application/trains-settings.ts)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TRIP = re.compile(r"^(.*)_(\d{4}-\d{2}-\d{2})$")
KEY = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
REQUEST_ID_HEADERS = ("x-request-id", "idempotency-key")
SEAT_BODY_PATHS = ("/trains/trips/{tripId}/holds", "/trains/purchases", "/api/book-seat", "/api/cancel-seat", "/api/ticket/book")
SEAT_LIST_FIELDS = ("seats", "seat_numbers")
# Seats on every train of the memory catalogue (src/modules/trains/adapters/outbound/memory/catalogue-seed.ts): the
# commuter layout (B 10x4, C 12x5) is the smallest; every train has C-1..C-60, and seat numbers 1-40 are coach A or B.
COMMON_SEAT_IDS = {f"C-{n}" for n in range(1, 61)}
COMMON_SEAT_NUMBERS = 40


def _stable(value: object) -> int:
    return int.from_bytes(hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).digest()[:4], "big")


def _bookable(date: str) -> str:
    """`date` when it is in the bookable window, else a date in it (derived from `date`, so runs stay reproducible)."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    try:
        parsed = datetime.date.fromisoformat(date)
        # One day of margin at each end: the server's "today" may have moved on by the time the request arrives.
        if today + datetime.timedelta(days=1) <= parsed <= today + datetime.timedelta(days=HORIZON_DAYS - 1):
            return date
    except ValueError:
        pass  # year 0000 is an RFC 3339 full-date Python cannot represent; long past either way
    return (today + datetime.timedelta(days=1 + _stable(date) % (HORIZON_DAYS - 2))).isoformat()


def _steer_dates(container: object) -> None:
    if isinstance(container, dict) and isinstance(container.get("date"), str) and DATE.match(container["date"]):
        container["date"] = _bookable(container["date"])


def _steer_seats(body: object) -> None:
    if not isinstance(body, dict):
        return
    if "seat_number" in body and not isinstance(body["seat_number"], (list, dict)):
        body["seat_number"] = _steered_seats([body["seat_number"]])[0]
    for field in SEAT_LIST_FIELDS:
        if isinstance(body.get(field), list):
            body[field] = _steered_seats(body[field])


def _steered_seats(seats: list[object]) -> list[object]:
    used: set[str] = set()
    steered: list[object] = []
    for seat in seats:
        if isinstance(seat, bool) or not isinstance(seat, (str, int)):
            steered.append(seat)  # not a seat the schema allows: left alone
            continue
        text = str(seat).strip().upper()
        if isinstance(seat, int) and 1 <= seat <= COMMON_SEAT_NUMBERS:
            key = f"#{seat}"
        elif isinstance(seat, str) and text in COMMON_SEAT_IDS:
            key = text
        else:
            key = ""
        if key and key not in used:
            used.add(key)
            steered.append(seat)
            continue
        # Replace with a free common seat id, starting from a position derived from the generated value.
        ids = sorted(COMMON_SEAT_IDS)
        start = _stable(seat) % len(ids)
        for i in range(len(ids)):
            candidate = ids[(start + i) % len(ids)]
            if candidate not in used:
                used.add(candidate)
                steered.append(candidate)
                break
    return steered


NAME_FIELDS = ("first_name", "last_name", "name")


def _steer_names(body: object) -> None:
    if not isinstance(body, dict):
        return
    for field in NAME_FIELDS:
        value = body.get(field)
        if isinstance(value, str):
            cleaned = "".join(c for c in value if unicodedata.category(c) != "Cn")
            body[field] = cleaned if any(unicodedata.category(c).startswith("L") for c in cleaned) else "Ada"


def _steer_password(body: object) -> None:
    if not isinstance(body, dict) or not isinstance(body.get("password"), str) or not isinstance(body.get("email"), str):
        return
    email = body["email"].strip().lower()
    password = body["password"]
    if password.lower() in (email, email[: email.rfind("@")]):
        body["password"] = password[:-1] + ("!" if password[-1] != "!" else "?")


def _steer_thresholds(body: object) -> None:
    if not isinstance(body, dict) or not isinstance(body.get("interests"), list):
        return
    for item in body["interests"]:
        if not isinstance(item, dict):
            continue
        low, high = item.get("low_value"), item.get("high_value")
        if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool) and not isinstance(high, bool) and low >= high:
            if low == high:
                del item["low_value"]
            else:
                item["low_value"], item["high_value"] = high, low


# src/modules/orders/domain/order.ts PAYMENT_METHODS: method → (min, max) installments.
ORDER_METHODS = {"credit_card": (1, 12), "debit_card": (1, 1), "transfer": (1, 1), "cash": (1, 1)}


def _steer_order(case) -> None:
    body = case.body
    if case.operation.path != "/api/orders" or not isinstance(body, dict):
        return
    bounds = ORDER_METHODS.get(body.get("method"))
    installment = body.get("installment")
    if bounds and isinstance(installment, int) and not isinstance(installment, bool) and not bounds[0] <= installment <= bounds[1]:
        body["installment"] = bounds[1]


def _without_forbidden_keys(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: _without_forbidden_keys(v)
            for k, v in value.items()
            if k != "__proto__" and not (k == "constructor" and isinstance(v, dict) and "prototype" in v)
        }
    if isinstance(value, list):
        return [_without_forbidden_keys(v) for v in value]
    return value


def _steer(case) -> None:
    if isinstance(case.body, (dict, list)):
        case.body = _without_forbidden_keys(case.body)
    headers = case.headers
    if headers:
        for name in list(headers.keys()):
            if name.lower() in REQUEST_ID_HEADERS and isinstance(headers[name], str) and KEY.match(headers[name]):
                headers[name] = f"fuzz-{uuid.uuid4()}"
    _steer_dates(case.query)
    _steer_dates(case.body)
    _steer_names(case.body)
    _steer_password(case.body)
    _steer_thresholds(case.body)
    _steer_order(case)
    for name, value in list((case.path_parameters or {}).items()):
        match = TRIP.match(value) if isinstance(value, str) else None
        if match:
            case.path_parameters[name] = f"{match.group(1)}_{_bookable(match.group(2))}"
    if case.operation.path in SEAT_BODY_PATHS:
        _steer_seats(case.body)


@schemathesis.hook
def map_case(context, case):
    """Generated cases (coverage, fuzzing, stateful phases): positive ones only."""
    meta = case.meta
    if meta is not None and meta.generation.mode.is_positive:
        _steer(case)
    return case


@schemathesis.hook
def before_add_examples(context, examples):
    """The document's own examples (examples phase), which map_case does not see: their dates are fixed in the source."""
    for case in examples:
        meta = case.meta
        if meta is None or meta.generation.mode.is_positive:
            _steer(case)


SEED_LOCK_PATHS = ("/api/book-seat", "/api/cancel-seat")
# The codes behind those 400s: no or a bad token (REST 401), seat held or sold by someone, hold limits (REST 409), seat
# not booked (REST 404). src/modules/trains/adapters/inbound/http/seed-compat.controller.ts, cacheAnswer.
SEED_LOCK_STATE_CODES = frozenset(
    {
        "AUTH.TOKEN_MISSING",
        "AUTH.TOKEN_INVALID",
        "TRAINS.SEAT_ALREADY_HELD",
        "TRAINS.SEAT_ALREADY_SOLD",
        "TRAINS.HOLD_LIMIT_REACHED",
        "TRAINS.HOLD_RENEWAL_LIMIT",
        "TRAINS.HOLD_NOT_FOUND",
    }
)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """Keep every failure except those caused by the seed lock routes' documented 400-for-401/404/409 answers."""
    if case.operation.path not in SEED_LOCK_PATHS or response is None:
        return True
    if failure.code == "ST401":
        # The request with the token succeeded; the same request without one (or with a bad one) got a 400, which on
        # these routes is the sign-in refusal (the token is checked before anything else): refused, as it should be.
        return "got `400 " not in failure.message
    if failure.code not in ("ST202", "ST203") or response.status_code != 400:
        return True
    try:
        code = json.loads(response.content or b"{}").get("code")
    except (ValueError, AttributeError):
        return True
    return code not in SEED_LOCK_STATE_CODES
