// Package patterns reads spaCy EntityRuler / Prodigy pattern files and
// plain dictionaries and matches them over the project's tokenizer, as a
// suggestion source (annotate/suggest.go). It is apart from package
// annotate because it reads JSON with encoding/json, which the page's
// core module must not carry: the page runs it in the formats module.
package patterns

import (
	"encoding/json"
	"github.com/spanmark/spanmark/internal/order"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotate"
)

// Pattern files: spaCy's EntityRuler and Prodigy's patterns JSONL, one
// pattern a line, matched over the project's tokenizer (tokenize.go) as
// spaCy's Matcher and PhraseMatcher match over spaCy's (spacy/matcher/
// matcher.pyx):
//
//	{"label": "ORG", "pattern": "New York Times"}                 phrase: the tokens' texts
//	{"label": "GPE", "pattern": [{"LOWER": "new"}, {"LOWER": "york"}]}  token pattern
//
// A token pattern is a list of token specs; a spec's keys are attributes
// (case-insensitive, as spaCy upper-cases them) and OP:
//
//	ORTH / TEXT, LOWER, SHAPE      a string, or {"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": "..."}
//	LENGTH                         an integer, or {"IN"/"NOT_IN": [...]}, {"==" "!=" ">=" "<=" ">" "<": n}
//	IS_ALPHA IS_DIGIT IS_LOWER     true or false
//	IS_TITLE IS_UPPER IS_PUNCT
//	IS_SPACE LIKE_NUM
//	OP                             "1" (default), "?", "*", "+", "!" (one token that does not match)
//
// {} is any one token. REGEX is Go's RE2 syntax searched in the value (as
// Python's re.search; RE2 has no look-arounds or back-references: such a
// pattern is refused). Anything else — another attribute (POS, ENT_TYPE,
// _), another predicate, OP {n,m} — is refused with the line and the key,
// never ignored. The Matcher's semantics: every match of every pattern
// (the quantifiers try every length), then, as the EntityRuler keeps
// them, the longest first, earlier first at equal length, earlier pattern
// first at the same place, none overlapping one kept before. A match
// spans at most MaxPatternTokens tokens.
//
// A dictionary is plain text, one entry a line: "LABEL<TAB>entry" (an
// entry is a phrase pattern). Blank lines and lines starting with # are
// skipped.

// MaxPatternTokens is the most tokens one match of a token pattern spans.
const MaxPatternTokens = 100

// PatternSet is a compiled pattern file.
type PatternSet struct {
	pats    []pattern
	byFirst map[string][]int // a first token's required text (ORTH, or LOWER with lower set) → patterns
	lower   map[string][]int // by its required lower-case form
	other   []int            // patterns tried at every token
}

type pattern struct {
	label  string
	line   int
	phrase []string  // a phrase pattern's tokens
	specs  []tokSpec // a token pattern
}

type tokSpec struct {
	op    byte // '1', '?', '*', '!'  ('+' is compiled as '1' then '*', as spaCy does)
	preds []tokPred
}

type tokAttr uint8

const (
	attrOrth tokAttr = iota
	attrLower
	attrShape
	attrLength
	attrIsAlpha
	attrIsDigit
	attrIsLower
	attrIsTitle
	attrIsUpper
	attrIsPunct
	attrIsSpace
	attrLikeNum
)

var tokAttrNames = map[string]tokAttr{
	"ORTH": attrOrth, "TEXT": attrOrth, "LOWER": attrLower, "SHAPE": attrShape, "LENGTH": attrLength,
	"IS_ALPHA": attrIsAlpha, "IS_DIGIT": attrIsDigit, "IS_LOWER": attrIsLower, "IS_TITLE": attrIsTitle,
	"IS_UPPER": attrIsUpper, "IS_PUNCT": attrIsPunct, "IS_SPACE": attrIsSpace, "LIKE_NUM": attrLikeNum,
}

const supportedAttrs = "ORTH, TEXT, LOWER, SHAPE, LENGTH, IS_ALPHA, IS_DIGIT, IS_LOWER, IS_TITLE, IS_UPPER, IS_PUNCT, IS_SPACE, LIKE_NUM, OP"

type predKind uint8

const (
	predEq predKind = iota
	predIn
	predNotIn
	predRegex
	predCmp
)

type tokPred struct {
	attr tokAttr
	kind predKind
	str  string
	num  int
	b    bool
	set  []string // IN / NOT_IN, as strings (LENGTH's integers written out)
	re   *regexp.Regexp
	cmp  string
}

func patErr(file string, line int, field, msg string) *annotate.Error {
	return &annotate.Error{Code: annotate.CodeBadPattern, File: file, Line: line, Field: field, Msg: msg}
}

// ParsePatterns reads a patterns JSONL file. Every bad line is reported,
// each with its line and key; a file with any problem yields no set.
func ParsePatterns(data []byte, file string) (*PatternSet, error) {
	ps := &PatternSet{}
	var es annotate.Errors
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		raw = strings.TrimSpace(strings.TrimPrefix(raw, "\ufeff"))
		if raw == "" {
			continue
		}
		p, e := parsePatternLine([]byte(raw), file, line)
		if e != nil {
			es = append(es, e)
			continue
		}
		ps.pats = append(ps.pats, p)
	}
	if len(es) > 0 {
		return nil, es
	}
	if len(ps.pats) == 0 {
		return nil, annotate.Errors{patErr(file, 0, "", "the file has no patterns")}
	}
	ps.index()
	return ps, nil
}

// ParseDictionary reads a dictionary: "LABEL<TAB>entry" a line.
func ParseDictionary(data []byte, file string) (*PatternSet, error) {
	ps := &PatternSet{}
	var es annotate.Errors
	for i, raw := range strings.Split(string(data), "\n") {
		line := i + 1
		raw = strings.TrimRight(strings.TrimPrefix(raw, "\ufeff"), "\r")
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		label, entry, ok := strings.Cut(raw, "\t")
		label, entry = strings.TrimSpace(label), strings.TrimSpace(entry)
		if !ok || label == "" || entry == "" {
			es = append(es, patErr(file, line, "", "expected a label, a tab and an entry (LABEL<TAB>text), got "+strconv.Quote(raw)))
			continue
		}
		ps.pats = append(ps.pats, pattern{label: label, line: line, phrase: phraseTokens(entry)})
	}
	if len(es) > 0 {
		return nil, es
	}
	if len(ps.pats) == 0 {
		return nil, annotate.Errors{patErr(file, 0, "", "the dictionary has no entries")}
	}
	ps.index()
	return ps, nil
}

func phraseTokens(s string) []string {
	var out []string
	for _, t := range annotate.NewTextIndex(s).Tokens() {
		out = append(out, t.Text)
	}
	return out
}

// Labels returns the labels the set suggests, sorted.
func (ps *PatternSet) Labels() []string {
	var out []string
	for _, p := range ps.pats {
		if !slices.Contains(out, p.label) {
			out = append(out, p.label)
		}
	}
	order.Sort(out)
	return out
}

// Len is the number of patterns.
func (ps *PatternSet) Len() int { return len(ps.pats) }

func parsePatternLine(raw []byte, file string, line int) (pattern, *annotate.Error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return pattern{}, patErr(file, line, "", "not a JSON object: "+err.Error())
	}
	p := pattern{line: line}
	for k := range top {
		if k != "label" && k != "pattern" && k != "id" {
			return p, patErr(file, line, k, "unknown key "+strconv.Quote(k)+" (a pattern line has label, pattern and id)")
		}
	}
	if err := json.Unmarshal(top["label"], &p.label); err != nil || p.label == "" {
		return p, patErr(file, line, "label", "a pattern needs a label (a string)")
	}
	pat, ok := top["pattern"]
	if !ok {
		return p, patErr(file, line, "pattern", "a pattern line needs a pattern")
	}
	var phrase string
	if json.Unmarshal(pat, &phrase) == nil {
		if p.phrase = phraseTokens(phrase); len(p.phrase) == 0 {
			return p, patErr(file, line, "pattern", "the phrase has no tokens")
		}
		return p, nil
	}
	var specs []map[string]json.RawMessage
	if err := json.Unmarshal(pat, &specs); err != nil {
		return p, patErr(file, line, "pattern", "a pattern is a string (a phrase) or a list of token objects")
	}
	if len(specs) == 0 {
		return p, patErr(file, line, "pattern", "the token pattern is empty")
	}
	for i, spec := range specs {
		ts, e := parseSpec(spec, file, line, "pattern["+strconv.Itoa(i)+"]")
		if e != nil {
			return p, e
		}
		if ts.op == '+' {
			ts.op = '1'
			p.specs = append(p.specs, ts, tokSpec{op: '*', preds: ts.preds})
			continue
		}
		p.specs = append(p.specs, ts)
	}
	return p, nil
}

func parseSpec(spec map[string]json.RawMessage, file string, line int, at string) (tokSpec, *annotate.Error) {
	ts := tokSpec{op: '1'}
	keys := make([]string, 0, len(spec))
	for k := range spec {
		keys = append(keys, k)
	}
	order.Sort(keys) // the first bad key, the same every time
	for _, k := range keys {
		v := spec[k]
		field := at + "." + k
		K := strings.ToUpper(k)
		if K == "OP" {
			var op string
			if json.Unmarshal(v, &op) != nil || len(op) != 1 || !strings.Contains("1?*+!", op) {
				return ts, patErr(file, line, field, "operator "+string(v)+" is not supported (use \"?\", \"*\", \"+\", \"!\" or \"1\")")
			}
			ts.op = op[0]
			continue
		}
		attr, ok := tokAttrNames[K]
		if !ok {
			return ts, patErr(file, line, field, "token attribute "+strconv.Quote(k)+" is not supported (supported: "+supportedAttrs+")")
		}
		preds, e := parseAttrValue(attr, K, v, file, line, field)
		if e != nil {
			return ts, e
		}
		ts.preds = append(ts.preds, preds...)
	}
	return ts, nil
}

func parseAttrValue(attr tokAttr, name string, v json.RawMessage, file string, line int, field string) ([]tokPred, *annotate.Error) {
	isBool := attr >= attrIsAlpha
	switch {
	case isBool:
		var b bool
		if json.Unmarshal(v, &b) != nil {
			return nil, patErr(file, line, field, name+" takes true or false, not "+string(v))
		}
		return []tokPred{{attr: attr, kind: predEq, b: b}}, nil
	case attr == attrLength:
		var n int
		if json.Unmarshal(v, &n) == nil {
			return []tokPred{{attr: attr, kind: predEq, num: n}}, nil
		}
	default:
		var s string
		if json.Unmarshal(v, &s) == nil {
			return []tokPred{{attr: attr, kind: predEq, str: s}}, nil
		}
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) != nil {
		want := "a string or an object of predicates"
		if attr == attrLength {
			want = "an integer or an object of predicates"
		}
		return nil, patErr(file, line, field, name+" takes "+want+", not "+string(v))
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	order.Sort(ks)
	var out []tokPred
	for _, k := range ks {
		pv := m[k]
		pf := field + "." + k
		p := tokPred{attr: attr}
		switch {
		case k == "IN" || k == "NOT_IN":
			p.kind = predIn
			if k == "NOT_IN" {
				p.kind = predNotIn
			}
			if attr == attrLength {
				var ns []int
				if json.Unmarshal(pv, &ns) != nil {
					return nil, patErr(file, line, pf, k+" on LENGTH takes a list of integers")
				}
				for _, n := range ns {
					p.set = append(p.set, strconv.Itoa(n))
				}
			} else if json.Unmarshal(pv, &p.set) != nil {
				return nil, patErr(file, line, pf, k+" takes a list of strings")
			}
		case k == "REGEX" && attr != attrLength:
			var expr string
			if json.Unmarshal(pv, &expr) != nil {
				return nil, patErr(file, line, pf, "REGEX takes a string")
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				return nil, patErr(file, line, pf, "the regular expression "+strconv.Quote(expr)+" does not compile: "+err.Error()+" (Go RE2 syntax: no look-arounds or back-references)")
			}
			p.kind, p.re = predRegex, re
		case attr == attrLength && (k == "==" || k == "!=" || k == ">=" || k == "<=" || k == ">" || k == "<"):
			if json.Unmarshal(pv, &p.num) != nil {
				return nil, patErr(file, line, pf, k+" takes an integer")
			}
			p.kind, p.cmp = predCmp, k
		default:
			return nil, patErr(file, line, pf, "predicate "+strconv.Quote(k)+" is not supported on "+name+" (supported: IN, NOT_IN"+map[bool]string{true: ", ==, !=, >=, <=, >, <", false: ", REGEX"}[attr == attrLength]+")")
		}
		out = append(out, p)
	}
	return out, nil
}

// index files the patterns by what their first token must be, so that
// matching tries at each token only the patterns that can start there.
func (ps *PatternSet) index() {
	ps.byFirst, ps.lower = map[string][]int{}, map[string][]int{}
	for i, p := range ps.pats {
		if p.phrase != nil {
			ps.byFirst[p.phrase[0]] = append(ps.byFirst[p.phrase[0]], i)
			continue
		}
		filed := false
		if s := p.specs[0]; s.op == '1' {
			for _, pr := range s.preds {
				if pr.kind == predEq && pr.attr == attrOrth {
					ps.byFirst[pr.str] = append(ps.byFirst[pr.str], i)
					filed = true
					break
				}
				if pr.kind == predEq && pr.attr == attrLower {
					ps.lower[pr.str] = append(ps.lower[pr.str], i)
					filed = true
					break
				}
			}
		}
		if !filed {
			ps.other = append(ps.other, i)
		}
	}
}

// patTok is a token with the attributes predicates read, computed once.
type patTok struct {
	annotate.Token
	lower string
	shape string
	n     int
}

func (t *patTok) attr(a tokAttr) (string, bool) {
	switch a {
	case attrOrth:
		return t.Text, true
	case attrLower:
		return t.lower, true
	case attrShape:
		if t.shape == "" {
			t.shape = wordShape(t.Text)
		}
		return t.shape, true
	case attrLength:
		return strconv.Itoa(t.n), true
	}
	return "", false
}

func (t *patTok) flag(a tokAttr) bool {
	s := t.Text
	switch a {
	case attrIsAlpha:
		return s != "" && all(s, unicode.IsLetter)
	case attrIsDigit:
		return s != "" && all(s, unicode.IsDigit)
	case attrIsLower:
		return pyIsLower(s)
	case attrIsUpper:
		return pyIsUpper(s)
	case attrIsTitle:
		return pyIsTitle(s)
	case attrIsPunct:
		return s != "" && all(s, unicode.IsPunct)
	case attrIsSpace:
		return s != "" && all(s, unicode.IsSpace)
	case attrLikeNum:
		return likeNum(s)
	}
	return false
}

func (t *patTok) match(p *tokPred) bool {
	if p.attr >= attrIsAlpha {
		return t.flag(p.attr) == p.b
	}
	v, _ := t.attr(p.attr)
	switch p.kind {
	case predEq:
		if p.attr == attrLength {
			return t.n == p.num
		}
		return v == p.str
	case predIn:
		return slices.Contains(p.set, v)
	case predNotIn:
		return !slices.Contains(p.set, v)
	case predRegex:
		return p.re.MatchString(v)
	}
	switch p.cmp { // predCmp, on LENGTH
	case "==":
		return t.n == p.num
	case "!=":
		return t.n != p.num
	case ">=":
		return t.n >= p.num
	case "<=":
		return t.n <= p.num
	case ">":
		return t.n > p.num
	}
	return t.n < p.num
}

func (t *patTok) matchSpec(s *tokSpec) bool {
	for i := range s.preds {
		if !t.match(&s.preds[i]) {
			return false
		}
	}
	return true
}

func all(s string, f func(rune) bool) bool {
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

// Python's str.islower / isupper / istitle, which spaCy's IS_LOWER,
// IS_UPPER and IS_TITLE are.
func pyIsLower(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return false
		}
		cased = cased || unicode.IsLower(r)
	}
	return cased
}

func pyIsUpper(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsTitle(r) {
			return false
		}
		cased = cased || unicode.IsUpper(r)
	}
	return cased
}

func pyIsTitle(s string) bool {
	cased, prevCased := false, false
	for _, r := range s {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return false
			}
			prevCased, cased = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return false
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return cased
}

var numWords = strings.Fields(`zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
million billion trillion quadrillion quintillion sextillion septillion octillion nonillion decillion gajillion bazillion
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth
eightieth ninetieth hundredth thousandth millionth billionth trillionth quadrillionth quintillionth sextillionth septillionth
octillionth nonillionth decillionth gajillionth bazillionth`)

// likeNum is spaCy's English like_num (spacy/lang/en/lex_attrs.py).
func likeNum(s string) bool {
	for _, p := range []string{"+", "-", "±", "~"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.NewReplacer(",", "", ".", "").Replace(s)
	digits := func(x string) bool { return x != "" && all(x, unicode.IsDigit) }
	if digits(s) {
		return true
	}
	if strings.Count(s, "/") == 1 {
		a, b, _ := strings.Cut(s, "/")
		if digits(a) && digits(b) {
			return true
		}
	}
	l := strings.ToLower(s)
	if slices.Contains(numWords, l) {
		return true
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(l, suf) && digits(l[:len(l)-2]) {
			return true
		}
	}
	return false
}

// wordShape is spaCy's word_shape: X for upper-case letters, x lower, d
// digits, other characters as they are, a run of one kind cut at four.
func wordShape(s string) string {
	if utf8.RuneCountInString(s) >= 100 {
		return "LONG"
	}
	var b strings.Builder
	var last rune = -1
	seq := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsLetter(r) && unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			seq++
		} else {
			seq, last = 0, c
		}
		if seq < 4 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// patMatch is one match: tokens [start, end) of pattern pat.
type patMatch struct{ start, end, pat int }

// Match returns the set's matches in d as suggestions of source "pattern",
// in text order: the EntityRuler's choice among all the Matcher's matches,
// and never over a span of the label's layer (as an EntityRuler that does
// not overwrite entities).
func (ps *PatternSet) Match(d *annotate.Document) []annotate.Suggestion {
	toks := d.Index().Tokens()
	pts := make([]patTok, len(toks))
	for i, t := range toks {
		pts[i] = patTok{Token: t, lower: strings.ToLower(t.Text), n: utf8.RuneCountInString(t.Text)}
	}
	var ms []patMatch
	var cands []int
	for i := range pts {
		cands = append(cands[:0], ps.byFirst[pts[i].Text]...)
		cands = append(cands, ps.lower[pts[i].lower]...)
		cands = append(cands, ps.other...)
		for _, pi := range cands {
			p := &ps.pats[pi]
			if p.phrase != nil {
				if end := i + len(p.phrase); end <= len(pts) && phraseAt(pts[i:end], p.phrase) {
					ms = append(ms, patMatch{i, end, pi})
				}
				continue
			}
			for _, end := range p.ends(pts, i) {
				ms = append(ms, patMatch{i, end, pi})
			}
		}
	}
	// the EntityRuler's filter: longest first, then earliest, then the
	// pattern's order; none overlapping one kept before
	// (start, end, pattern) is unique: a total order. (sort.Slice, not
	// slices.SortFunc: one sort for every element type, where each slices
	// sort of a struct type adds its own ~20 KB of wasm)
	sort.Slice(ms, func(i, j int) bool {
		a, b := &ms[i], &ms[j]
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return la > lb
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.pat < b.pat
	})
	taken := make([]bool, len(pts))
	var out []annotate.Suggestion
	for _, m := range ms {
		free := true
		for k := m.start; k < m.end && free; k++ {
			free = !taken[k]
		}
		if !free {
			continue
		}
		for k := m.start; k < m.end; k++ {
			taken[k] = true
		}
		f := annotate.Fragment{Start: pts[m.start].Start, End: pts[m.end-1].End}
		if l := ps.pats[m.pat].label; d.LayerFree(f, l) {
			out = append(out, annotate.Suggestion{Label: l, Fragments: []annotate.Fragment{f}, Source: annotate.SourcePattern})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Fragments[0].Start < out[b].Fragments[0].Start })
	return out
}

func phraseAt(pts []patTok, phrase []string) bool {
	for k, w := range phrase {
		if pts[k].Text != w {
			return false
		}
	}
	return true
}

// ends returns where the token pattern's matches starting at token i end
// (exclusive), shortest first: every length its quantifiers allow, as the
// Matcher returns them. The pattern runs as a set of positions in it,
// stepped one token at a time.
func (p *pattern) ends(pts []patTok, i int) []int {
	n := len(p.specs)
	if s := &p.specs[0]; s.op == '1' && (i >= len(pts) || !pts[i].matchSpec(s)) {
		return nil // most starts: no allocation
	}
	cur := []int{0}
	var out []int
	seen := make([]bool, n+1)
	// closure adds the positions reachable without a token: past '?' and '*'
	closure := func(states []int) []int {
		clear(seen)
		var res []int
		var add func(s int)
		add = func(s int) {
			if seen[s] {
				return
			}
			seen[s] = true
			res = append(res, s)
			if s < n && (p.specs[s].op == '?' || p.specs[s].op == '*') {
				add(s + 1)
			}
		}
		for _, s := range states {
			add(s)
		}
		return res
	}
	for t := i; ; t++ {
		cur = closure(cur)
		if t > i && slices.Contains(cur, n) {
			out = append(out, t)
		}
		if t >= len(pts) || t-i >= MaxPatternTokens || len(cur) == 0 {
			break
		}
		var next []int
		for _, s := range cur {
			if s == n {
				continue
			}
			sp := &p.specs[s]
			ok := pts[t].matchSpec(sp)
			switch sp.op {
			case '!':
				if !ok {
					next = append(next, s+1)
				}
			case '*':
				if ok {
					next = append(next, s) // stay: another token of the run
				}
			default: // '1', '?'
				if ok {
					next = append(next, s+1)
				}
			}
		}
		cur = next
	}
	return out
}

// Set returns the set's suggestions for every document of p, as a
// suggestion set that replaces the earlier pattern suggestions. Labels the
// schema lacks are listed in it, to be added (entity layer) when it is
// applied, as an import adds them.
func (ps *PatternSet) Set(p *annotate.Project) *annotate.SuggestionSet {
	set := &annotate.SuggestionSet{Source: annotate.SourcePattern, Replace: true}
	for _, l := range ps.Labels() {
		if p.Schema.Label(l) == nil {
			set.NewLabels = append(set.NewLabels, l)
		}
	}
	for _, d := range p.Documents() {
		set.Add(d.ID, ps.Match(d))
	}
	return set
}

// Run is Set as a run, document by document (annotate.SuggestionRun).
func (ps *PatternSet) Run(p *annotate.Project) *annotate.SuggestionRun {
	set := &annotate.SuggestionSet{Source: annotate.SourcePattern, Replace: true}
	for _, l := range ps.Labels() {
		if p.Schema.Label(l) == nil {
			set.NewLabels = append(set.NewLabels, l)
		}
	}
	return p.NewSuggestionRun(set, ps.Match)
}
