package annotate

import (
	"strconv"
	"strings"
	"sync"
)

// The tokenizer's rules, as data: spaCy's English tokenizer (spaCy v3,
// spacy/lang/char_classes.py, spacy/lang/punctuation.py,
// spacy/lang/en/punctuation.py, spacy/lang/tokenizer_exceptions.py and
// spacy/lang/en/tokenizer_exceptions.py), so exported tokens and snapped
// selections agree with what spaCy makes of the same text. tokenize.go
// holds the algorithm (spacy/tokenizer.pyx); nothing there names a
// character. Lists are cut to the scripts this tokenizer applies them to
// (Latin, Greek, Cyrillic and what no script owns); other scripts keep
// UAX #29 words.

const (
	// tokPunct is LIST_PUNCT: a prefix, a suffix, and (PUNCT) a character
	// after which "." is a suffix. "……" is a suffix of its own.
	tokPunct = "…,:;!?¿؟¡()[]{}<>_#*&。？！，、；：～·।،۔؛٪"
	// tokQuotes is LIST_QUOTES / CONCAT_QUOTES.
	tokQuotes = "'\"”“`‘´’‚,„»«「」『』（）〔〕【】《》〈〉〈〉⟦⟧"
	// tokPrefixOnly are the prefixes beyond punctuation, quotes and
	// currency ("+" only before a non-digit).
	tokPrefixOnly = "§%=—–"
	// tokDotAfter: besides digits and lower-case letters, "." after these
	// is a suffix (the class [0-9{al}{e}{p}(?:{q})] of punctuation.py,
	// whose PUNCT alternation also puts "|" and "(?:)" in the class).
	tokDotAfter = "%²-+|(?:)"
	// tokInfixMath: between digits (the right one may be "-").
	tokInfixMath = "+-*^"
	// tokInfixSym: after a letter or digit, before a letter.
	tokInfixSym = ":<>=/"
	// tokUnitAfterDegree: "." after "°F" and the like is a suffix.
	tokDegreeUnits = "FfCcKk"
)

// tokCurrency is LIST_CURRENCY: a prefix, and a suffix after a digit.
const tokCurrency = "$ £ € ¥ ฿ US$ C$ A$ ₽ ﷼ ₴ ₠ ₡ ₢ ₣ ₤ ₥ ₦ ₧ ₨ ₩ ₪ ₫ ₭ ₮ ₯ ₰ ₱ ₲ ₳ ₵ ₶ ₷ ₸ ₹ ₺ ₻ ₼ ₾ ₿"

// tokUnits is UNITS: a suffix after a digit ("5km" → "5" "km").
const tokUnits = "km km² km³ m m² m³ dm dm² dm³ cm cm² cm³ mm mm² mm³ ha µm nm yd in ft " +
	"kg g mg µg t lb oz m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % " +
	"км км² км³ м м² м³ дм дм² дм³ см см² см³ мм мм² мм³ нм кг г мг м/с км/ч кПа Па мбар Кб КБ кб Мб МБ мб Гб ГБ гб Тб ТБ тб"

// tokHyphens is HYPHENS, in its alternation order: an infix between a
// letter or digit and a letter ("anti-Western", "decent--let").
var tokHyphens = []string{"-", "–", "—", "--", "---", "——", "~"}

// tokSuffixWords are the literal multi-character suffixes.
var tokSuffixWords = []string{"'s", "'S", "’s", "’S"}

// Tokenizer exceptions: a string that is tokenized as given, whole or
// split. "|" marks the split ("do|n't"); the rest are one token. spaCy
// also adds every entry with "'" written "’".
var (
	// BASE_EXCEPTIONS, emoticons included: each one token ("|" is no
	// split here: ":|" is an emoticon), and "°F." and the like in three.
	tokBaseExc = "\\t \\n — ' \\\") <space> '' C++ a. b. c. d. e. f. g. h. i. j. k. l. m. n. o. p. q. r. s. t. u. v. w. x. y. z. ä. ö. ü. " +
		":) :-) :)) :-)) :))) :-))) (: (-: =) (= :] :-] [: [-: [= =] :o) (o: :} :-} 8) 8-) (-8 ;) ;-) (; (-; :( :-( :(( :-(( :((( :-((( ): )-: =( >:( :') :'-) :'( :'-( :/ :-/ =/ =| :| :-| ]= =[ :1 :P :-P :p :-p :O :-O :o :-o :0 :-0 :() >:o :* :-* :3 :-3 =3 :> :-> :X :-X :x :-x :D :-D ;D ;-D =D xD XD xDD XDD 8D 8-D ^_^ ^__^ ^___^ >.< >.> <.< ._. ;_; -_- -__- v.v V.V v_v V_V o_o o_O O_o O_O 0_o o_0 0_0 o.O O.o O.O o.o 0.0 o.0 0.o @_@ <3 <33 <333 </3 (^_^) (-_-) (._.) (>_<) (*_*) (¬_¬) ಠ_ಠ ಠ︵ಠ (ಠ_ಠ) ¯\\(ツ)/¯ (╯°□°）╯︵┻━┻ ><(((*>"

	// English: words × endings, each also title-cased (the loops of
	// en/tokenizer_exceptions.py). An ending with "|" splits in two.
	tokEnGroups = []struct{ words, endings string }{
		{"i", "|'m |m |'m|a |m|a"},
		{"i you he she it we they", "|'ll |ll |'ll|'ve |ll|ve |'d |d |'d|'ve |d|ve"},
		{"i you we they", "|'ve |ve"},
		{"you we they", "|'re |re"},
		{"he she it", "|'s |s"},
		{"who what when where why how there that this", "|'s |s"},
		{"who what when where why how there that this these those", "|'ll |ll |'ll|'ve |ll|ve |'d |d |'d|'ve |d|ve"},
		{"who what when where why how there these those", "|'re |re |'ve |ve"},
		{"ca could do does did had may might must need ought sha should wo would", "|n't |nt |n't|'ve |nt|ve"},
		{"could might must should would", "|'ve |ve"},
		{"ai are is was were have has dare", "|n't |nt"},
		{"doin goin nothin nuthin ol somethin", " '"},
	}
	// Lower case only, or exactly as written.
	tokEnExc = "em 'em ll 'll nuff 'nuff " +
		"y'|all y|all how|'d|'y How|'d|'y not|'ve not|ve Not|'ve Not|ve can|not Can|not gon|na Gon|na got|ta Got|ta let|'s Let|'s c'm|on C'm|on " +
		"'S 's ‘S ‘s and/or w/o 're 'Cause 'cause 'cos 'Cos 'coz 'Coz 'cuz 'Cuz 'bout ma'am Ma'am o'clock O'clock " +
		"lovin' Lovin' lovin Lovin havin' Havin' havin Havin doin' Doin' doin Doin goin' Goin' goin Goin " +
		"Mt. Ak. Ala. Apr. Ariz. Ark. Aug. Calif. Colo. Conn. Dec. Del. Feb. Fla. Ga. Ia. Id. Ill. Ind. Jan. Jul. Jun. Kan. Kans. Ky. La. " +
		"Mar. Mass. Mich. Minn. Miss. N.C. N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. Nev. Nov. Oct. Okla. Ore. Pa. S.C. Sep. Sept. Tenn. Va. Wash. Wis. " +
		"'d a.m. Adm. Bros. co. Co. Corp. D.C. Dr. e.g. E.g. E.G. Gen. Gov. i.e. I.e. I.E. Inc. Jr. Ltd. Md. Messrs. Mo. Mont. " +
		"Mr. Mrs. Ms. p.m. Ph.D. Prof. Rep. Rev. Sen. St. vs. v.s."
	// Removed after the loops: real words the loops would split.
	tokEnExclude = "Ill ill Its its Hell hell Shell shell Shed shed were Were Well well Whore whore"
)

// maxAfterDigit is the byte length of the longest currency or unit.
const maxAfterDigit = len("мбар")

// tokSpecial is one exception: the byte lengths of its tokens.
type tokSpecial []uint8

// tokTables are the rules in the form the tokenizer looks them up.
type tokTables struct {
	specials      map[string]tokSpecial
	afterDigit    map[string]bool // currencies and units
	currency      []string
	currencyASCII string // the ASCII characters a currency starts with
}

var (
	tokOnce sync.Once
	tokTab  tokTables
)

// tables builds the lookup tables on first use (about 2,000 exceptions),
// keeping that off the page's start-up.
func tables() *tokTables {
	tokOnce.Do(func() {
		t := &tokTab
		t.currency = fields(tokCurrency)
		t.afterDigit = map[string]bool{}
		for _, u := range append(fields(tokUnits), t.currency...) {
			if len(u) > maxAfterDigit {
				panic("tokenizer: unit " + u + " longer than maxAfterDigit")
			}
			t.afterDigit[u] = true
		}
		for _, c := range t.currency {
			if c[0] < 0x80 && strings.IndexByte(t.currencyASCII, c[0]) < 0 {
				t.currencyASCII += c[:1]
			}
		}
		m := map[string]tokSpecial{}
		for _, e := range fields(tokBaseExc) {
			m[e] = tokSpecial{uint8(len(e))}
		}
		// add enters a split ("do|n't"); English entries come after the
		// base ones, which they override, as in update_exc
		add := func(split string) {
			var lens tokSpecial
			key := make([]byte, 0, len(split))
			n := 0
			for i := 0; i < len(split); i++ {
				if split[i] == '|' {
					lens = append(lens, uint8(n))
					n = 0
					continue
				}
				key = append(key, split[i])
				n++
			}
			m[string(key)] = append(lens, uint8(n))
		}
		for _, u := range tokDegreeUnits {
			add("°|" + string(u) + "|.")
		}
		title := func(w string) string { return string(w[0]-'a'+'A') + w[1:] }
		for _, g := range tokEnGroups {
			for _, w := range fields(g.words) {
				for _, e := range fields(g.endings) {
					add(w + e)
					add(title(w) + e)
				}
			}
		}
		for _, w := range fields(tokEnGroups[len(tokEnGroups)-1].words) {
			add(w) // "doin" itself is one token too
			add(title(w))
		}
		for h := 1; h <= 12; h++ {
			for _, per := range []string{"a.m.", "am", "p.m.", "pm"} {
				add(strconv.Itoa(h) + "|" + per)
			}
		}
		for _, e := range fields(tokEnExc) {
			add(e)
		}
		// (no base exception is one of these words)
		for _, w := range fields(tokEnExclude) {
			delete(m, w)
		}
		// expand_exc: every entry with ' is also there with ’ (the
		// token lengths grow by 2 bytes per apostrophe)
		var apos []string
		for k := range m {
			if strings.IndexByte(k, '\'') >= 0 {
				apos = append(apos, k)
			}
		}
		for _, k := range apos {
			key := make([]byte, 0, len(k)+8)
			lens := make(tokSpecial, len(m[k]))
			p := 0
			for i, n := range m[k] {
				lens[i] = n
				for _, c := range []byte(k[p : p+int(n)]) {
					if c == '\'' {
						key = append(key, "’"...)
						lens[i] += 2
					} else {
						key = append(key, c)
					}
				}
				p += int(n)
			}
			m[string(key)] = lens
		}
		t.specials = m
	})
	return &tokTab
}

// fields splits s at single spaces (the tables' separator).
func fields(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		s = s[min(i+1, len(s)):]
	}
	return out
}
