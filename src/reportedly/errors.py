"""The exception tree. Every error has a stable code and an actionable message.

ReportedlyError (code, message)
├── InputError                exit code 3: the input cannot be analysed
│   ├── EmptyInput            E001
│   ├── BinaryInput           E002
│   ├── UndecodableInput      E003
│   ├── InputTooLarge         E004
│   ├── NotEnglish            E005
│   ├── MalformedInput        E006  (bad JSON, missing "text", unknown format)
│   └── TimeLimit             E007  (the analysis took longer than its deadline)
├── ConfigError               exit code 4
│   ├── ModelNotInstalled     E101
│   ├── UnknownStage          E102
│   ├── StageOrderError       E103
│   ├── StoreUnavailable      E104
│   └── MissingExtra          E105  (an optional part is not installed: the extra to install)
└── StageFailed               E201, exit code 5: a pipeline stage raised

Warnings are not errors: the article is analysed, but a limit was reached and part of
it was read more coarsely. Each is a :class:`~reportedly.records.Notice` of the analysis
(and a ``[W...]`` line of the command line) with one of the ``W_*`` codes below.

The command line's exit codes are the ``EXIT_*`` constants at the end: 0 success; 1 internal
error; 2 usage error; 3 input error; 4 configuration error; 5 a pipeline stage failed; 6 a
batch ran but some items were skipped; 7 an evaluation fell below its quality floors; 130
interrupted.
"""

from __future__ import annotations


class ReportedlyError(Exception):
    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(ReportedlyError):
    exit_code = 3


class EmptyInput(InputError):
    code = "E001"


class BinaryInput(InputError):
    code = "E002"


class UndecodableInput(InputError):
    code = "E003"


class InputTooLarge(InputError):
    code = "E004"


class NotEnglish(InputError):
    code = "E005"


class MalformedInput(InputError):
    code = "E006"


class TimeLimit(InputError):
    """The analysis of one article ran past its deadline (settings.DEADLINE_SECONDS):
    the article is skipped so that the batch or the server goes on."""

    code = "E007"


class ConfigError(ReportedlyError):
    exit_code = 4


class ModelNotInstalled(ConfigError):
    code = "E101"


class UnknownStage(ConfigError):
    code = "E102"


class StageOrderError(ConfigError):
    code = "E103"


class StoreUnavailable(ConfigError):
    """The corpus store cannot be opened (no such server, refused login, newer schema)."""

    code = "E104"


class MissingExtra(ConfigError):
    """A command needs an optional part that is not installed; the message names the
    install extra (``pip install 'reportedly[web]'``)."""

    code = "E105"


class StageFailed(ReportedlyError):
    code = "E201"
    exit_code = 5

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


#: Exit codes of the command line, documented in the README (every one the CLI uses).
EXIT_OK = 0
EXIT_INTERNAL = ReportedlyError.exit_code  # an unexpected error (a bug)
EXIT_USAGE = 2
EXIT_INPUT = InputError.exit_code
EXIT_CONFIG = ConfigError.exit_code
EXIT_STAGE = StageFailed.exit_code
EXIT_PARTIAL = 6  # a batch ran, but some items were skipped
EXIT_BELOW_FLOOR = 7  # an evaluation fell below its quality floors
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


#: Notice codes (see :class:`reportedly.records.Notice`): a limit of settings.py reached.
W_FRAMES = "W001"  # more reporting frames in one sentence than MAX_FRAMES_PER_SENTENCE
W_SPLIT = "W002"  # a paragraph longer than MAX_BLOCK_CHARS was parsed in pieces
W_NOT_PROSE = "W003"  # a long paragraph that is mostly not letters (MIN_LETTER_SHARE), left out
# W004-W005 are not used (no such limit exists yet); the numbers stay free.
W_EVENTS = "W006"  # more event words in one claim than MAX_EVENTS_PER_UNIT
W_WORD = "W007"  # a run of more than MAX_WORD_CHARS characters without a space, left out
W_UNKNOWN_NAME = "W008"  # ask: a name of the question that no stored article names
