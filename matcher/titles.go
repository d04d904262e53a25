package matcher

import (
	"slices"
	"strings"
)

// Forms and files put more than a name in the name fields: a title
// before it ("Mrs Sarah", "Mr D"), a generation after it ("Smith Jr",
// "Vaughan III"). Neither is part of the name: "Mr Paul Williams" is Paul
// Williams. The generation is kept aside, for it tells a father from his
// son (nameValue.generation).

// titles are the words that may stand before a name, folded. A single
// letter is never one: "M Dupont" may be Marc.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true, "rev": true,
	"sir": true, "dame": true, "lady": true, "lord": true, "mme": true, "mlle": true, "melle": true,
	"monsieur": true, "madame": true, "mademoiselle": true, "herr": true, "frau": true,
	"sra": true, "srta": true, "senor": true, "senora": true, "senorita": true, "dona": true,
	"ozv": true, // özvegy, a Hungarian widow: özv. Kovács Jánosné
	// Thai (Khun, and Mr, Mrs and Miss in Thai letters) and Indonesian
	// (Bapak, Ibu, Nyonya). Pak and Bu, which Indonesians say too, are
	// names elsewhere (Pak is a Korean surname).
	"khun": true, "นาย": true, "นาง": true, "นางสาว": true, "bapak": true, "bpk": true, "bp": true, "ibu": true, "ny": true,
	"nyonya": true,
	// Spanish America's professional titles: doctora, licenciado and
	// licenciada, arquitecto (Lic. Mariana, Dra. Laura).
	"dra": true, "lic": true, "licda": true, "licdo": true, "arq": true,
	// Austria's and Germany's academic and professional titles, which
	// Austrians write before their names on every form: Mag. (Magister),
	// MMag., Dipl.-Ing., Ing., Dkfm.
	"mag": true, "mmag": true, "dipl": true, "ing": true, "dkfm": true,
	// Malaysia's Encik, Puan, Cik and Tuan (En., Pn.), the pilgrim's Haji
	// and Hajah (Hj., Hjh.), and Dato', Datuk and Datin; Iran's Agha and
	// Khanom (Mr, Mrs).
	"en": true, "encik": true, "puan": true, "pn": true, "cik": true, "tuan": true, "haji": true, "hj": true, "hajah": true,
	"hajjah": true, "hjh": true, "dato": true, "datuk": true, "datin": true, "agha": true, "aghaye": true, "khanom": true,
	"khanum": true,
	// Iceland's, Denmark's and Norway's herra, hr. and frú, fru, frk.,
	// Lithuania's ponas and ponia, Georgia's ბატონი and ქალბატონი (read
	// in Latin letters: batoni, kalbatoni).
	"hr": true, "herra": true, "fru": true, "frk": true, "ponas": true, "ponia": true, "batoni": true, "kalbatoni": true,
	// Ethiopia's Ato (Mr), Weyzero (Mrs, W/ro) and Weyzerit (Miss, W/rt,
	// W/t: slashedTitlesWritten); Ghana's Ga honorifics Nii and Naa, and
	// the pilgrim's Alhaji and Hajia of West Africa.
	"ato": true, "wro": true, "wrt": true, "wt": true, "weyzero": true, "woizero": true, "weizero": true, "weyzerit": true,
	"woizerit": true, "nii": true, "naa": true, "alhaji": true, "alh": true, "hajia": true, "hajiya": true,
	// Fiji's chiefly Ratu (its women's Adi is a given name elsewhere), and
	// Brunei's Pengiran, Awang and Dayang (Pg, Awg, Dyg).
	"ratu": true, "pengiran": true, "pg": true, "awang": true, "awg": true, "dayang": true, "dyg": true,
}

// leadingTitles are titles only as a box's first word: Sr. Santiago is
// Señor Santiago, where Santiago Gómez Sr. is the father.
var leadingTitles = map[string]bool{"sr": true}

// titlesAfter are the titles written after a given name, folded:
// Azerbaijan's and Turkey's bəy and xanım (Anar bəy, Səbinə xanım, Ayşe
// Hanım) and a teacher's müəllim (Fərid müəllim). Never a name's first
// word.
var titlesAfter = setOf("bay", "bey", "xanim", "xanym", "khanim", "hanim", "khanum", "hanum", "muallim", "muellim")

// generations are the words that may follow a name to say which of a
// family's namesakes it is, folded, each to one spelling: the Brazilian
// and Portuguese Filho (the son), Neto (the grandson) and Sobrinho (the
// nephew) too. A name of that one word is a name (Neto is a surname).
var generations = map[string]string{
	"jr": "jr", "jnr": "jr", "junior": "jr", "sr": "sr", "snr": "sr", "senior": "sr",
	"ii": "ii", "iii": "iii", "iv": "iv", "fils": "jr", "pere": "sr",
	"filho": "jr", "hijo": "jr", "neto": "neto", "sobrinho": "sobrinho",
}

// generationsBefore are the words that say which of a family's namesakes
// a name is written before it, as Hungarians write theirs: ifj. (ifjabb,
// the younger) Kiss Gyöngyi, id. (idősebb, the elder) Juhász Zoltán;
// folded, each to generations' spelling.
var generationsBefore = map[string]string{"ifj": "jr", "ifjabb": "jr", "id": "sr", "idosebb": "sr"}

// nameCore splits a name field into its folded words without a title in
// front (or after a given name: titlesAfter), a generation behind (or in front: generationsBefore), or a
// patronymic after the first word, and that generation ("" when none). A
// name that is nothing but such words is kept whole: "Dr" may be a name.
func nameCore(s string) (words []string, generation string) {
	words = nameWords(s)
	start, end := 0, len(words)
	for start < end-1 && (titles[words[start]] || start == 0 && leadingTitles[words[start]]) {
		start++
	}
	if end-start > 1 {
		if g, ok := generationsBefore[words[start]]; ok {
			start, generation = start+1, g
		} else if g, ok := generations[words[end-1]]; ok {
			end, generation = end-1, g
		}
	}
	return withoutPatronymics(withoutTitlesAfter(words[start:end])), generation
}

// withoutPatronymics returns words without the East Slavic patronymics
// after the first (Оксана Вікторівна is Oksana, Иван Петрович Ivan), which
// a Russian or Ukrainian customer writes beside her given name on one
// visit and not on the next, as a form asks or not: a patronymic is her
// father's name, not hers. words itself when it holds none.
func withoutPatronymics(words []string) []string {
	words = patronymicsJoined(words)
	if len(words) < 2 || !slices.ContainsFunc(words[1:], isPatronymic) {
		return words
	}
	return append(words[:1:1], slices.DeleteFunc(slices.Clone(words[1:]), isPatronymic)...)
}

// patronymicEndings are the endings of East Slavic patronymics, folded:
// Russian -ович, -евич, -овна, -евна, -ична, and Ukrainian -ович, -івна,
// -ївна, in Cyrillic or Latin letters (Petrovych, Viktorivna); and
// Kazakh's and Kyrgyz's -ұлы (son) and -қызы (daughter), Nurlanuly,
// Nurlanqyzy, Asan uulu, and Azerbaijan's oğlu and qızı (Əli oğlu, Rəşad
// qızı, Eli oglu, Rashad kizi, Али оглы).
var patronymicEndings = []string{"ovich", "evich", "ovych", "evych", "ovna", "evna", "ivna", "ichna", "uly", "uulu", "kyzy", "qyzy",
	"oglu", "ogly", "ohlu", "qizi", "gizi", "kizi"}

// patronymicWords are the Kazakh, Kyrgyz and Azerbaijani words for son
// and daughter, folded, that a patronymic writes after the father's name
// as a word of their own (Нұрлан ұлы, Nurlan kyzy, Asan uulu, Əli oğlu).
var patronymicWords = setOf("uly", "uulu", "kyzy", "qyzy", "oglu", "ogly", "ohlu", "qizi", "gizi", "kizi")

// patronymicsJoined returns words with a father's name and the word for
// son or daughter after it (patronymicWords) as one word, as a patronymic
// written whole is (Nurlan uly is Nurlanuly); words itself when they hold
// none. A name's first word is never a father's.
func patronymicsJoined(words []string) []string {
	if len(words) < 3 || !slices.ContainsFunc(words[2:], func(w string) bool { return patronymicWords[w] }) {
		return words
	}
	out := make([]string, 0, len(words))
	for i, w := range words {
		if i >= 2 && patronymicWords[w] && len(out) >= 2 {
			out[len(out)-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// patronymicStem is a folded patronymic without its ending
// (patronymicEndings): Nurlanuly and Nurlanovich are Nurlan's son's.
func patronymicStem(w string) string {
	for _, e := range patronymicEndings {
		if t, ok := strings.CutSuffix(w, e); ok {
			return t
		}
	}
	return w
}

// isPatronymic reports whether a folded word is an East Slavic or Kazakh
// patronymic: a word of seven letters or more that ends in one of
// patronymicEndings (Ivanovna, Petrovich, Nurlanuly; not Ivna, a name of
// its own).
func isPatronymic(w string) bool {
	return len(w) >= 7 && slices.ContainsFunc(patronymicEndings, func(e string) bool { return strings.HasSuffix(w, e) })
}

// patronymicsTellApart reports whether a booking and a profile each write
// an East Slavic patronymic (isPatronymic, after a name's first word) and
// no patronymic of one is the other's, a slip or another spelling of it
// (samePatronymic): Иван Петрович Иванов and Иван Иванович Иванов are a
// father and his son of one name, which nameCore, leaving the patronymic
// aside, cannot tell apart. One written and one not is one person, as a
// form asks for it or not. booking is the booking's patronymics
// (patronymicsOf), read once for every match.
func patronymicsTellApart(booking []string, profileFirst, profileLast string) bool {
	if len(booking) == 0 {
		return false
	}
	profile := patronymicsOf(profileFirst, profileLast)
	if len(profile) == 0 {
		return false
	}
	for _, x := range booking {
		for _, y := range profile {
			if femininePatronymic(x) == femininePatronymic(y) && samePatronymic(x, y) {
				return false
			}
		}
	}
	return true
}

// samePatronymic reports whether two folded patronymics are one: the same
// letters once transliterated alike (Sergeevna, Sergeyevna:
// cyrillicLatinKey), or a slip apart (Valerevixh). Closer is not enough:
// Aleksandrovna and Alekseevna are two fathers' daughters.
func samePatronymic(x, y string) bool {
	return cyrillicLatinKey(x) == cyrillicLatinKey(y) || EditDistance(x, y) <= 1 ||
		len(patronymicStem(x)) >= 3 && cyrillicLatinKey(patronymicStem(x)) == cyrillicLatinKey(patronymicStem(y))
}

// mayHoldPatronymic reports whether a name as written holds a letter
// every ending of patronymicEndings has: v (ovich, ovych, ovna, ivna), в
// or ч in either case (вич, вна, ична), or hn (ichna); or Kazakh's ұ, қ
// or ы, or zy or ul (kyzy; uly, uulu), or Azerbaijani's izi, ızı, glu,
// ğlu, hlu or gly (qizi, qızı, oglu, oğlu, ohlu, ogly). One pass over its
// bytes, for every match: most names hold none and are not read further.
func mayHoldPatronymic(name string) bool {
	for i := 0; i+1 < len(name); i++ {
		switch c, next := name[i], name[i+1]; {
		case c == 'v' || c == 'V' || next == 'v' || next == 'V':
			return true
		case c == 0xD0 && (next == 0xB2 || next == 0x92 || next == 0xA7): // в, В, Ч
			return true
		case c == 0xD1 && next == 0x87: // ч
			return true
		case (c == 'h' || c == 'H') && (next == 'n' || next == 'N'):
			return true
		case c == 0xD2 && (next == 0xB1 || next == 0xB0 || next == 0x9B || next == 0x9A): // ұ, Ұ, қ, Қ
			return true
		case c == 0xD1 && next == 0x8B: // ы
			return true
		case c|0x20 == 'z' && next|0x20 == 'y' || c|0x20 == 'u' && next|0x20 == 'l':
			return true // kyzy; uly, uulu
		case c|0x20 == 'z' && (next|0x20 == 'i' || next == 0xC4) && i > 0 && (name[i-1]|0x20 == 'i' || name[i-1] == 0xB1):
			return true // qizi, qızı
		case (c|0x20 == 'g' || c|0x20 == 'h' || c == 0x9F) && next|0x20 == 'l' && i+2 < len(name) && (name[i+2]|0x20 == 'u' || name[i+2]|0x20 == 'y'):
			return true // oglu, oğlu, ohlu, ogly
		}
	}
	return false
}

// femininePatronymic reports whether a patronymic is a daughter's
// (Алексеевна, Ivanivna), not a son's (Алексеевич): a brother and sister
// of one unisex name, Саша, are told apart by it.
func femininePatronymic(w string) bool {
	return strings.HasSuffix(w, "na") || strings.HasSuffix(w, "kyzy") || strings.HasSuffix(w, "qyzy") || strings.HasSuffix(w, "izi")
}

// patronymicKept reports whether a booking that lands on a profile leaves
// out the East Slavic patronymic the profile holds (Сергей / Орлов on
// Сергей Михайлович / Орлов's profile): the profile keeps its names, for
// the patronymic is what tells him from his father of one name, whose
// booking with his own would otherwise land on the profile once the update
// had written it away, as a form asks for it on one visit and not the next.
// booking is the booking's patronymics (patronymicsOf).
func patronymicKept(booking []string, p Profile) bool {
	return len(booking) == 0 && len(patronymicsOf(p.FirstName, p.LastName)) > 0
}

// patronymicsOf returns the patronymics of a whole name, given name and
// surname, after its first word.
func patronymicsOf(first, last string) []string {
	if !mayHoldPatronymic(first) && !mayHoldPatronymic(last) {
		return nil // most names: no ending of one, and no words to read
	}
	words := patronymicsJoined(nameWords(first + " " + last))
	if len(words) < 2 || !slices.ContainsFunc(words[1:], isPatronymic) {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(words[1:]), func(w string) bool { return !isPatronymic(w) })
}

// foldedCore is FoldName of a given name without its title and
// generation, its abbreviations written out (givenWords).
func foldedCore(s string) string {
	words, _ := nameCore(s)
	return strings.Join(givenWords(words), "")
}

// withoutTitlesAfter returns words without the titles written after a
// given name (titlesAfter), words itself when they hold none.
func withoutTitlesAfter(words []string) []string {
	if len(words) < 2 || !slices.ContainsFunc(words[1:], func(w string) bool { return titlesAfter[w] }) {
		return words
	}
	return append(words[:1:1], slices.DeleteFunc(slices.Clone(words[1:]), func(w string) bool { return titlesAfter[w] })...)
}
