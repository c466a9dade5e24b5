// Package tagger is spanmark's entity tagger that learns from the project's
// own spans: a structured (averaged) perceptron over IOB2 tags with
// first-order transitions and Viterbi decoding, on the project tokenizer's
// tokens (annotate.TextIndex.Tokens), so the page's Web Worker and the CLI
// (spanmark learn / suggest) train and predict with one implementation.
//
// Features (see features.go) come in groups that can be switched off for
// the ablation in README: the word and its lower case; prefixes and
// suffixes; word shapes; the neighbours' words and shapes; and hits of a
// dictionary of the training spans' texts, built by cross-fold on the
// training data so that the model learns how far to trust a hit it has not
// seen the answer for.
//
// Training is deterministic for a seed, and a model file written twice from
// the same data is byte-identical. Offsets are code points, end-exclusive.
// The package is pure Go with no fmt or reflection-heavy imports, so that
// its own wasm module stays small.
package tagger
