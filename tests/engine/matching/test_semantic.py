"""The NumPy all-MiniLM-L6-v2 text model (needs the ``semantic`` extra)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from mensch.engine.matching import semantic
from mensch.engine.matching.models import TextModel
from mensch.engine.matching.registry import ModelUnavailableError, get_model

pytestmark = pytest.mark.unit

# First eight dimensions of two sentences as embedded by sentence-transformers
# (PyTorch) with the same weights: the NumPy forward pass must reproduce them.
REFERENCE = {
    "keep my studio's books": [
        -0.0186248,
        -0.0268982,
        0.0135352,
        -0.0020222,
        -0.0072753,
        0.0895079,
        -0.0188000,
        -0.0142821,
    ],
    "I take care of your Instagram accounts": [
        -0.0485794,
        -0.0331765,
        0.0566941,
        -0.0233558,
        0.0679690,
        -0.0698545,
        0.1501949,
        -0.0003730,
    ],
}

TEXTS = [
    "keep my studio's books",
    "bookkeeping for small businesses",
    "take care of our accounts and tax paperwork",
    "bookkeeping and tax returns",
    "I take care of your Instagram accounts",
    "Brand identity design: logos, colour palettes and type for new restaurants",
    "An introduction to a seed investor who understands hardware",
    "Mentoring first-time managers in engineering teams",
    "Someone to sort out our quarterly VAT and keep the books tidy",
    "We photograph weddings and corporate events across the north-west",
    "a graphic designer",
    "Looking for a bilingual (English/Spanish) paralegal for a six-month contract " * 3,
]


@pytest.fixture(scope="module")
def model() -> semantic.SemanticModel:
    pytest.importorskip("tokenizers")
    pytest.importorskip("safetensors")
    try:
        return semantic.SemanticModel()
    except ModelUnavailableError:
        pytest.skip("no semantic weights here (mensch model install)")


def test_shape_dtype_and_unit_norm(model: semantic.SemanticModel) -> None:
    vectors = model.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input_and_blank_texts(model: semantic.SemanticModel) -> None:
    assert model.encode([]).shape == (0, 384)
    vectors = model.encode(["", "bookkeeping", "   "])
    assert vectors.shape == (3, 384)
    assert not vectors[0].any()
    assert not vectors[2].any()
    assert np.linalg.norm(vectors[1]) == pytest.approx(1.0, abs=1e-5)


def test_matches_sentence_transformers_reference(model: semantic.SemanticModel) -> None:
    texts = list(REFERENCE)
    vectors = model.encode(texts)
    for row, text in enumerate(texts):
        np.testing.assert_allclose(vectors[row, :8], REFERENCE[text], atol=2e-5)


def test_deterministic(model: semantic.SemanticModel) -> None:
    first = model.encode(TEXTS)
    second = model.encode(TEXTS)
    np.testing.assert_array_equal(first, second)
    other = semantic.SemanticModel()  # same cached weights, new instance
    np.testing.assert_allclose(other.encode(TEXTS), first, atol=1e-6)


def test_batching_matches_one_at_a_time(model: semantic.SemanticModel) -> None:
    batched = model.encode(TEXTS)
    single = np.vstack([model.encode([text]) for text in TEXTS])
    np.testing.assert_allclose(batched, single, atol=1e-5)
    small_batches = semantic.SemanticModel(batch_size=3).encode(TEXTS)
    np.testing.assert_allclose(small_batches, single, atol=1e-5)


def test_books_means_bookkeeping(model: semantic.SemanticModel) -> None:
    ask, offer, unrelated = model.encode(
        [
            "keep my studio's books",
            "bookkeeping for small businesses",
            "We photograph weddings and corporate events",
        ]
    )
    assert float(ask @ offer) > 0.4
    assert float(ask @ offer) > float(ask @ unrelated) + 0.2


def test_finance_accounts_are_not_social_media_accounts(model: semantic.SemanticModel) -> None:
    ask, bookkeeper, social = model.encode(
        [
            "take care of our accounts and tax paperwork",
            "bookkeeping and tax returns",
            "I take care of your Instagram accounts",
        ]
    )
    assert float(ask @ bookkeeper) > float(ask @ social)
    vat, books, instagram = model.encode(
        [
            "someone to sort out our quarterly VAT and keep the books tidy",
            "bookkeeping and tax returns for small companies",
            "I manage your Instagram and TikTok accounts",
        ]
    )
    assert float(vat @ books) > float(vat @ instagram) + 0.1


def test_progress_callback_reports_every_batch(model: semantic.SemanticModel) -> None:
    calls: list[tuple[int, int]] = []
    small = semantic.SemanticModel(batch_size=5)
    small.encode(TEXTS, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(TEXTS), len(TEXTS))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 3


def test_conforms_to_the_engine_protocol(model: semantic.SemanticModel) -> None:
    assert isinstance(model, TextModel)
    assert model.name == "semantic"
    model.fit(TEXTS)  # a no-op
    assert isinstance(get_model("semantic"), semantic.SemanticModel)


def test_model_dir_from_environment(
    model: semantic.SemanticModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(semantic.ENV_MODEL_DIR, str(model.model_dir))
    assert semantic.default_model_dir() == model.model_dir
    assert semantic.SemanticModel().model_dir == model.model_dir


def test_incomplete_model_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(semantic.ENV_MODEL_DIR, str(tmp_path))
    with pytest.raises(RuntimeError, match=r"model\.safetensors.*pip install -e '\.\[semantic\]'"):
        semantic.SemanticModel()


def test_missing_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name == semantic.MODEL_PACKAGE:
            return None
        return real_find_spec(name, *args)

    monkeypatch.delenv(semantic.ENV_MODEL_DIR, raising=False)
    monkeypatch.setenv(semantic.ENV_DATA_DIR, str(tmp_path))  # nothing installed there
    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(ModelUnavailableError, match=r"mensch model install"):
        semantic.SemanticModel()
    with pytest.raises(RuntimeError, match="semantic"):
        semantic.default_model_dir()
    # "auto" falls back to the lexical model when no weights can be had.
    assert get_model("auto").name == "lexical"


def test_corrupt_model_dir_is_a_clear_error(tmp_path: Path) -> None:
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        (tmp_path / name).write_text("not a model", encoding="utf-8")
    with pytest.raises(RuntimeError, match="Could not load the semantic model"):
        semantic.SemanticModel(tmp_path)


def test_truncation_and_shared_weights(model: semantic.SemanticModel) -> None:
    short = semantic.SemanticModel(max_length=16)
    assert short._bundle.weights is model._bundle.weights  # loaded once per process
    assert max(len(ids) for ids in short.tokenize(TEXTS)) == 16
    long_text = TEXTS[-1]
    vector = short.encode([long_text])
    np.testing.assert_allclose(np.linalg.norm(vector, axis=1), 1.0, atol=1e-5)
    assert float(vector[0] @ model.encode([long_text])[0]) < 0.9999
