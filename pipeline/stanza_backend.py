"""stanza's NER model run directly for tagging: no Pipeline, no resources.json, no download.

stanza's own inference path (``ner.data.DataLoader`` + ``Trainer.predict``) spends more time in
Python than in the network: ids looked up letter by letter through vocabulary objects, padded
tensors filled one row at a time, and a Viterbi decode per sentence in a Python loop over its
words. ``StanzaBackend.tag`` builds the very same batch (same order, same ids, same padding)
from per-word caches and numpy, and decodes a whole batch at once (``viterbi_batch``: the same
float32 sums and maxima, so the same tags). The character model spells each distinct word once
(``spelled_words``): a word's vector depends on its letters alone, and news repeats its words.
Tags are the same as stanza's own path (tests/test_stanza_backend.py; 8,922 real sentences when
this was written). A model with character LMs or BERT takes stanza's own path.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import numpy as np

from .caches import ClearingDict
from .ner_model import MAX_BATCH_CELLS, batches, model_form, shipped_torch_load


def viterbi_batch(scores: np.ndarray, lengths: list[int], trans: np.ndarray) -> list[list[int]]:
    """The best tag ids of each sequence of a padded batch of emission ``scores`` (batch × steps ×
    tags) under the transition matrix ``trans`` (from × to), each cut to its length. The best
    path is read back for the whole batch at once, one step at a time (the same argmax, so the
    same ids as one sequence at a time)."""
    n, steps, k = scores.shape
    trellis = scores[:, 0].copy()
    back = np.zeros((n, steps, k), dtype=np.int64)
    lengths_a = np.asarray(lengths)
    rows = np.arange(n)
    for t in range(1, steps):
        v = trellis[:, :, None] + trans[None]
        best = v.argmax(axis=1)
        live = (lengths_a > t)[:, None]
        trellis = np.where(live, scores[:, t] + np.take_along_axis(v, best[:, None, :], axis=1)[:, 0], trellis)
        back[:, t] = best
    paths = np.zeros((n, steps), dtype=np.int64)
    tag = trellis.argmax(axis=1)  # each sequence's last tag (its trellis stays put past its length)
    for t in range(steps - 1, 0, -1):
        live = lengths_a > t
        paths[live, t] = tag[live]
        tag = np.where(live, back[rows, t, tag], tag)
    paths[:, 0] = tag
    return [paths[i, :length].tolist() for i, length in enumerate(lengths)]


def padded(rows: list[list[int]], width: int, pad: int) -> np.ndarray:
    """The rows as one int64 array of the given width, filled with ``pad`` after each row."""
    out = np.full((len(rows), width), pad, dtype=np.int64)
    for i, r in enumerate(rows):
        out[i, :len(r)] = r
    return out


CACHED_WORDS = 200_000  # distinct words whose ids are kept (a dump of millions of articles has more)


class _Ids:
    """A stanza vocabulary's ids of whole words, looked up once per distinct word (the cache is
    emptied when it holds CACHED_WORDS, so a long run's memory stays bounded)."""

    def __init__(self, vocab, per_unit: bool = False, lower: bool = False):
        self.vocab, self.per_unit, self.lower, self.cache = vocab, per_unit, lower, ClearingDict(CACHED_WORDS)

    def __call__(self, word: str):
        got = self.cache.get(word)
        if got is None:
            self.cache.make_room()
            if self.per_unit:
                got = self.vocab.map([c.lower() for c in word] if self.lower else list(word))
            else:
                got = self.vocab.unit2id(word.lower() if self.lower else word)
            self.cache[word] = got
        return got


class StanzaBackend:
    """stanza's NER model, loaded for tagging only (see the module's docstring)."""

    def __init__(self, p: Path, cfg: dict):
        import torch  # noqa: F401  (stanza needs it; CPU only here)
        from stanza.models.common.pretrain import Pretrain
        from stanza.models.ner.trainer import Trainer

        class InferenceTrainer(Trainer):
            """stanza's NER trainer, loaded for tagging only: no optimizer (building one imports
            torch's compiler, about 1.5 s of every worker's start)."""

            def __init__(self, args, model_file, pretrain):  # noqa: D401 (no super().__init__)
                self.load(model_file, pretrain, args, None)
                if self.args.get("predict_tagset", None) is None:
                    self.args["predict_tagset"] = 0
                self.model = self.model.to("cpu")
                self.model.eval()

        logging.getLogger("stanza").setLevel(logging.WARNING)
        files = cfg["files"]
        pretrain = Pretrain(str(p / files["pretrain"]), max_vocab=cfg.get("pretrain_max_vocab", 100000),
                            save_to_file=False) if files.get("pretrain") else None
        args = {"charlm_forward_file": str(p / files["charlm_forward"]) if files.get("charlm_forward") else None,
                "charlm_backward_file": str(p / files["charlm_backward"]) if files.get("charlm_backward") else None}
        with shipped_torch_load():
            self.trainer = InferenceTrainer(args, str(p / files["model"]), pretrain)
            if pretrain is not None:
                pretrain.emb  # load the vectors now, inside the fast path, not on the first batch
        self.batch_size = int(cfg.get("batch_size", 32))
        targs, vocab = self.trainer.args, self.trainer.vocab
        self.direct = not targs.get("charlm") and not targs.get("bert_model")
        if self.direct:
            self._chars = _Ids(vocab["char"], per_unit=True, lower=bool(targs.get("char_lowercase")))
            lower = bool(targs.get("lowercase", True))
            self._words = {name: _Ids(vocab[name], lower=lower) for name in ("word", "delta") if name in vocab}
            self._no_tag = vocab["tag"].map([(None,)])[0]
            self.trainer.model.extract_static_embeddings = self._static_embeddings
            for crit in self.trainer.model.crits:  # the training loss of the placeholder tags: not read here
                crit.forward = partial(_transitions_only, crit)
            self._units: dict[tuple, str] = {}  # decoded tag ids -> tag (``_unit``)
            self._spelled = None
            if targs.get("char") and targs.get("char_emb_dim", 0) > 0:
                self._spelled = self.trainer.model.charmodel = spelled_words(self.trainer.model.charmodel, self._chars)

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """The BIOES tags of each sentence (lists of words), in order."""
        import torch

        forms = [[model_form(t) for t in s] for s in sentences]
        order = sorted(range(len(forms)), key=lambda i: len(forms[i]))  # batches of like lengths
        preds: list[list[str]] = [[] for _ in forms]
        with torch.inference_mode():
            for group in batches(order, self.batch_size, MAX_BATCH_CELLS, weight=lambda i: len(forms[i]),
                                 width=lambda i: max(map(len, forms[i]), default=0)):
                tagged = self._predict([forms[i] for i in group]) if self.direct else self._stanza_predict(
                    [forms[i] for i in group])
                for i, tags in zip(group, tagged):
                    preds[i] = tags
        return preds

    def _stanza_predict(self, sentences: list[list[str]]) -> list[list[str]]:
        """stanza's own batch and decode (models with character LMs or BERT)."""
        from stanza.models.ner.data import DataLoader

        loader = DataLoader(_Words(sentences), self.batch_size, self.trainer.args, vocab=self.trainer.vocab,
                            evaluation=True, preprocess_tags=False, bert_tokenizer=None)
        return [tags for b in loader for tags in self.trainer.predict(b)]

    def _static_embeddings(self, args, sents, vocab):
        """``NERTagger.extract_static_embeddings`` from the per-word caches."""
        import torch

        ids = self._words["word"] if vocab is self.trainer.model.vocab["word"] else self._words["delta"]
        words = torch.from_numpy(padded([[ids(w) for w in s] for s in sents], max(map(len, sents)), 0))
        return words, torch.eq(words, 0)

    def _predict(self, sentences: list[list[str]]) -> list[list[str]]:
        """What ``DataLoader`` + ``Trainer.predict`` give for one batch, built and decoded faster."""
        import torch
        from stanza.models.ner.trainer import fix_singleton_tags

        n = len(sentences)
        order = sorted(range(n), key=lambda i: (len(sentences[i]), i), reverse=True)  # as data.sort_all
        sents = [sentences[i] for i in order]
        sentlens = [len(s) for s in sents]
        tags = torch.full((n, max(sentlens), 1), 0, dtype=torch.long)
        for i, length in enumerate(sentlens):
            tags[i, :length, 0] = self._no_tag[0]
        if self._spelled is not None:  # it spells the words itself: no padded letters for stanza's
            self._spelled.words = sents
        try:
            _, logits, trans = self.trainer.model(sents, None, None, tags, None, sentlens, None,
                                                  None, None, None, None)
        finally:
            if self._spelled is not None:
                self._spelled.words = None
        decoded = [viterbi_batch(x.numpy(), sentlens, y.numpy()) for x, y in zip(logits, trans)]
        out: list[list[str]] = [[] for _ in range(n)]
        units = self._units
        for k, i in enumerate(order):
            tags_k = [units.get(key) or self._unit(key) for key in zip(*(d[k] for d in decoded))]
            # only B-, I- and E- tags are ever rewritten: a sentence of O and S- tags stays as it is
            out[i] = fix_singleton_tags(tags_k) if any(t[0] in "BIE" for t in tags_k) else tags_k
        return out

    def _unit(self, key: tuple) -> str:
        """The tag of a decoded tuple of tag ids (one per tag set), as stanza's ``Trainer.predict``
        reads it: ids below the vocabulary's prefix taken as its first tag, the predicted tag set's
        column (kept per tuple: a handful of them)."""
        from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

        unit = self.trainer.vocab["tag"].unmap([tuple(x if x >= VOCAB_PREFIX_SIZE else VOCAB_PREFIX_SIZE
                                                      for x in key)])[0]
        self._units[key] = tag = unit[self.trainer.args["predict_tagset"]] if isinstance(unit, list) else unit
        return tag


def _transitions_only(crit, inputs, masks, tag_indices):
    """``CRFLoss.forward`` without the loss (tagging reads only the transitions it returns)."""
    return 0, crit._transitions


SPELLED_WORDS = 100_000  # distinct words whose character vectors are kept (800 bytes each; emptied when
# full, so at most this many, or one batch's words)


def spelled_words(charmodel, char_ids):
    """stanza's character model, with each distinct word's vector computed once and kept: a word's
    vector depends on its letters alone (the character BiLSTM's last states), and news repeats its
    words, so a batch only spells the words not seen before. ``words`` (the batch's sentences, as
    the tagger orders them) must be set for each call; without it the model runs as stanza's."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence

    class SpelledWords(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner, self.words, self.vectors = inner, None, ClearingDict(SPELLED_WORDS)

        def forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
            if self.words is None:
                return self.inner(chars, chars_mask, word_orig_idx, sentlens, wordlens)
            flat = [w for s in self.words for w in s]
            new = [w for w in dict.fromkeys(flat) if w not in self.vectors]
            if self.vectors.make_room(len(new)):
                new = list(dict.fromkeys(flat))
            if new:
                self.vectors.update(zip(new, self._spell(new)))
            return pack_sequence(torch.stack([self.vectors[w] for w in flat]).split(sentlens))

        def _spell(self, words: list[str]) -> list:
            """The character model's vector of each word (as ``CharacterModel.forward`` computes it)."""
            m = self.inner
            ids = [char_ids(w) for w in words]
            order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i), reverse=True)
            lens = [len(ids[i]) for i in order]
            chars = torch.from_numpy(padded([ids[i] for i in order], max(lens), 0))
            embs = pack_padded_sequence(m.char_emb(chars), lens, batch_first=True)
            shape = (m.num_dir * m.args["char_num_layers"], len(words), m.args["char_hidden_dim"])
            output = m.charlstm(embs, lens, hx=(m.charlstm_h_init.expand(*shape).contiguous(),
                                                m.charlstm_c_init.expand(*shape).contiguous()))
            if m.attn:
                reps = output[0]
                weights = torch.sigmoid(m.char_attn(reps.data))
                res = torch.nn.utils.rnn.pad_packed_sequence(
                    torch.nn.utils.rnn.PackedSequence(reps.data * weights, reps.batch_sizes), batch_first=True)[0].sum(1)
            else:
                res = output[1][0][-2:].transpose(0, 1).contiguous().view(len(words), -1)
            out: list = [None] * len(words)
            for k, i in enumerate(order):
                out[i] = res[k]
            return out

    return SpelledWords(charmodel)


class _Words:
    """What stanza's NER DataLoader reads of a stanza Document: each sentence's words, untagged
    (building a whole Document of Token and Word objects for it cost a tenth of the tagging)."""

    def __init__(self, sentences: list[list[str]]):
        self.sentences = sentences

    def get(self, fields, as_sentences: bool = False, from_token: bool = False) -> list[list[tuple]]:
        """(text, ner, multi_ner) of every word, by sentence, as ``Document.get`` gives them."""
        return [[(w, None, None) for w in s] for s in self.sentences]
