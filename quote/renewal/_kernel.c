/* The renewal kernel: a block of plain CSV records repriced in one pass, in C.
 *
 * What it does, per record of a block (quote.renewal.kernel drives it, and says why):
 *   - splits the record on the book's separator and counts its fields;
 *   - finds the record's tuple (product, självrisk, smoker, loading, id country: the
 *     columns Python parsed once per distinct value) in a hash table;
 *   - reads the renewal date and the birth date (YYYY-MM-DD) or the Swedish personnummer,
 *     and the current premium, with exactly the rules of the polars path
 *     (quote.renewal.columns);
 *   - applies the row checks in the registry's order (quote.renewal.reasons);
 *   - looks the premium up by group (tuple, tariff version, year) and bracket, as the
 *     engine priced it in Python;
 *   - writes the priced record (the book's own bytes, then the added columns) or the
 *     rejected one (its fields, the id masked, its line, reason and message);
 *   - adds the record to the summary's figures.
 *
 * It never prices: every premium and every message comes from Python. It never guesses:
 * a block holding anything it does not read exactly as the polars path would (a quote,
 * a NUL, a carriage return inside a record, bytes not in the book's encoding, an identity
 * number holding a control character or a byte beyond ASCII, a tuple Python marked) is
 * answered with FALLBACK, and Python reads that block the polars way.
 * Tuples and groups (tuple, tariff version, year) the tables lack are handed to Python
 * (the run's on_missing, with the GIL taken back), those of the next few thousand records
 * at once; Python adds them, every bracket of a group priced, and the run goes on with
 * the record. (unknown() finds them for a whole block ahead, for a driver that looks.)
 *
 * The GIL is released while a block is read. A kernel belongs to one thread at a time: a
 * second run while one is going is refused, and its tables change only between runs or
 * from the run's own callbacks.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define RESULT_DONE 0
#define RESULT_FALLBACK 2
#define RESULT_ERROR 3 /* a callback raised: its exception goes up */

#define FLAG_SEPARATOR 1    /* a pricing text holds U+001F: the "separator" reason */
#define FLAG_COUNTRY_BAD 2  /* the id country is not one we read: the "id_country" reason */
#define FLAG_FALLBACK 4     /* the tuple's records are read the polars way */

/* What a byte is to read_record. */
enum { BYTE_PLAIN, BYTE_SEPARATOR, BYTE_POLARS, BYTE_HIGH };

#define MAX_WIDTH 100000          /* columns of a book */
#define MAX_ORE 1000000000000LL   /* a new premium, öre: change_hundredths stays in 64 bits */
#define N_BANDS 6
#define N_FIGURES 5 /* rows, with_current, before, after, after_all (quote.renewal.stats) */

/* The row checks this kernel applies, in the order it applies them. Python checks at
 * start that the registry (quote.renewal.reasons) has these ids in this order. */
enum {
    CHECK_TOO_FEW, CHECK_TOO_MANY, CHECK_RENEWAL, CHECK_BIRTH, CHECK_ID_COUNTRY, CHECK_ID,
    CHECK_BIRTH_AFTER, CHECK_AGE, CHECK_BEFORE_TARIFF, CHECK_CURRENT, CHECK_SEPARATOR,
    N_CHECKS
};
static const char *CHECK_IDS[N_CHECKS] = {
    "too_few_fields", "too_many_fields", "renewal_date", "birth_date", "id_country", "id",
    "birth_after_renewal", "age", "before_tariff", "current_premium", "separator"};

/* ---- a growable byte buffer ------------------------------------------------------- */

typedef struct {
    char *data;
    Py_ssize_t len, cap;
    int failed; /* out of memory: checked once the GIL is held again */
} Buf;

static int buf_grow(Buf *b, Py_ssize_t extra) {
    if (b->failed) return 0;
    Py_ssize_t need = b->len + extra;
    if (need <= b->cap) return 1;
    Py_ssize_t cap = b->cap ? b->cap : 4096;
    while (cap < need) cap *= 2;
    char *data = realloc(b->data, (size_t)cap);
    if (data == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = data;
    b->cap = cap;
    return 1;
}

static inline void buf_put(Buf *b, const char *p, Py_ssize_t n) {
    if (n <= 0 || !buf_grow(b, n)) return;
    memcpy(b->data + b->len, p, (size_t)n);
    b->len += n;
}

static inline void buf_byte(Buf *b, char c) {
    if (!buf_grow(b, 1)) return;
    b->data[b->len++] = c;
}

static void buf_int(Buf *b, int64_t v) {
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[n++] = '-';
    if (!buf_grow(b, n)) return;
    while (n) b->data[b->len++] = tmp[--n];
}

static void buf_free(Buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

/* ---- a hash set of byte strings (tuple keys) --------------------------------------- */

typedef struct {
    Buf arena;           /* the keys, one after another */
    Py_ssize_t *offsets; /* key i is arena[offsets[i] .. offsets[i + 1]) */
    Py_ssize_t count, offsets_cap;
    int32_t *slots; /* open addressing: key index or -1 */
    uint64_t *hashes;
    Py_ssize_t slots_cap; /* a power of two */
} KeySet;

static uint64_t hash_bytes(const char *p, Py_ssize_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, (size_t)n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 29;
    return h;
}

static int keyset_init(KeySet *s) {
    memset(s, 0, sizeof(*s));
    s->slots_cap = 64;
    s->slots = malloc(sizeof(int32_t) * (size_t)s->slots_cap);
    s->hashes = malloc(sizeof(uint64_t) * (size_t)s->slots_cap);
    s->offsets_cap = 64;
    s->offsets = malloc(sizeof(Py_ssize_t) * (size_t)s->offsets_cap);
    if (!s->slots || !s->hashes || !s->offsets) return 0;
    memset(s->slots, 0xff, sizeof(int32_t) * (size_t)s->slots_cap);
    s->offsets[0] = 0;
    return 1;
}

static void keyset_free(KeySet *s) {
    buf_free(&s->arena);
    free(s->offsets);
    free(s->slots);
    free(s->hashes);
    memset(s, 0, sizeof(*s));
}

static inline int keyset_equal(const KeySet *s, int32_t i, const char *p, Py_ssize_t n) {
    Py_ssize_t start = s->offsets[i];
    return s->offsets[i + 1] - start == n && memcmp(s->arena.data + start, p, (size_t)n) == 0;
}

/* The index of the key, or -1. */
static int32_t keyset_find(const KeySet *s, const char *p, Py_ssize_t n, uint64_t h) {
    Py_ssize_t mask = s->slots_cap - 1;
    for (Py_ssize_t at = (Py_ssize_t)(h & (uint64_t)mask);; at = (at + 1) & mask) {
        int32_t i = s->slots[at];
        if (i < 0) return -1;
        if (s->hashes[at] == h && keyset_equal(s, i, p, n)) return i;
    }
}

static int keyset_rehash(KeySet *s) {
    Py_ssize_t cap = s->slots_cap * 2;
    int32_t *slots = malloc(sizeof(int32_t) * (size_t)cap);
    uint64_t *hashes = malloc(sizeof(uint64_t) * (size_t)cap);
    if (!slots || !hashes) {
        free(slots);
        free(hashes);
        return 0;
    }
    memset(slots, 0xff, sizeof(int32_t) * (size_t)cap);
    for (Py_ssize_t at = 0; at < s->slots_cap; at++) {
        if (s->slots[at] < 0) continue;
        Py_ssize_t to = (Py_ssize_t)(s->hashes[at] & (uint64_t)(cap - 1));
        while (slots[to] >= 0) to = (to + 1) & (cap - 1);
        slots[to] = s->slots[at];
        hashes[to] = s->hashes[at];
    }
    free(s->slots);
    free(s->hashes);
    s->slots = slots;
    s->hashes = hashes;
    s->slots_cap = cap;
    return 1;
}

/* Add a key known to be absent; its index, or -1 when out of memory. */
static int32_t keyset_add(KeySet *s, const char *p, Py_ssize_t n, uint64_t h) {
    if ((s->count + 1) * 2 > s->slots_cap && !keyset_rehash(s)) return -1;
    if (s->count + 2 > s->offsets_cap) {
        Py_ssize_t cap = s->offsets_cap * 2;
        Py_ssize_t *offsets = realloc(s->offsets, sizeof(Py_ssize_t) * (size_t)cap);
        if (!offsets) return -1;
        s->offsets = offsets;
        s->offsets_cap = cap;
    }
    buf_put(&s->arena, p, n);
    if (s->arena.failed) return -1;
    int32_t index = (int32_t)s->count++;
    s->offsets[s->count] = s->arena.len;
    Py_ssize_t mask = s->slots_cap - 1;
    Py_ssize_t at = (Py_ssize_t)(h & (uint64_t)mask);
    while (s->slots[at] >= 0) at = (at + 1) & mask;
    s->slots[at] = index;
    s->hashes[at] = h;
    return index;
}

/* ---- text: Unicode White_Space in UTF-8, dates, numbers ----------------------------- */

/* The length of the White_Space character at p (what polars' strip_chars and the regex
 * class \s take away), or 0. */
static inline int white_space_at(const unsigned char *p, const unsigned char *end) {
    unsigned char c = p[0];
    if (c == ' ' || (c >= 0x09 && c <= 0x0d)) return 1;
    if (c < 0xc2) return 0;
    Py_ssize_t left = end - p;
    if (c == 0xc2 && left >= 2 && (p[1] == 0x85 || p[1] == 0xa0)) return 2;
    if (left < 3) return 0;
    if (c == 0xe1 && p[1] == 0x9a && p[2] == 0x80) return 3; /* U+1680 */
    if (c == 0xe2 && p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8a) || p[2] == 0xa8 || p[2] == 0xa9 || p[2] == 0xaf))
        return 3; /* U+2000..200A, U+2028, U+2029, U+202F */
    if (c == 0xe2 && p[1] == 0x81 && p[2] == 0x9f) return 3; /* U+205F */
    if (c == 0xe3 && p[1] == 0x80 && p[2] == 0x80) return 3; /* U+3000 */
    return 0;
}

/* The length of the White_Space character that ends just before `end`, or 0. */
static inline int white_space_before(const unsigned char *start, const unsigned char *end) {
    for (int n = 1; n <= 3 && end - n >= start; n++) {
        if (white_space_at(end - n, end) == n) return n;
    }
    return 0;
}

static void strip_white_space(const unsigned char **s, const unsigned char **e) {
    int n;
    while (*s < *e && (n = white_space_at(*s, *e)) > 0) *s += n;
    while (*e > *s && (n = white_space_before(*s, *e)) > 0) *e -= n;
}

static inline int is_leap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/* A proleptic Gregorian date (year 0 to 9999, as polars reads %Y) as YYYYMMDD, or -1. */
static int32_t ymd(int year, int month, int day) {
    static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1) return -1;
    int last = DAYS[month - 1] + (month == 2 && is_leap(year));
    if (day > last) return -1;
    return year * 10000 + month * 100 + day;
}

static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A YYYY-MM-DD field (blanks around it allowed) as YYYYMMDD, or -1: quote.renewal.columns
 * .iso_date. */
static int32_t parse_iso_date(const unsigned char *s, const unsigned char *e) {
    strip_white_space(&s, &e);
    if (e - s != 10 || s[4] != '-' || s[7] != '-') return -1;
    for (int i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && !is_digit(s[i])) return -1;
    }
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return ymd(year, (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

/* A Swedish personnummer or samordningsnummer: quote.renewal.columns.swedish_birth.
 * Sets *birth (YYYYMMDD, or -1 when the number is not one); returns 0, or -1 when the
 * field holds a character that the two readings of a number (polars' and
 * quote.identity's) may take differently (a control character but a blank, a byte beyond
 * ASCII): then the block is read the polars way. Any other printable ASCII is no number
 * to either. */
static int parse_swedish_id(const unsigned char *s, const unsigned char *e, int32_t on,
                            int32_t *birth) {
    unsigned char t[13];
    int n = 0, too_long = 0;
    *birth = -1;
    for (; s < e; s++) {
        unsigned char c = *s;
        if (c == ' ' || c == '\t' || c == 0x0b || c == 0x0c) continue;
        if (c < 0x20 || c >= 0x7f) return -1;
        if (n == 13) too_long = 1;
        else t[n++] = c;
    }
    if (too_long) return 0;
    /* ([0-9]{2})?([0-9]{6})([-+]?)([0-9]{4}) */
    int century = -1, sign = 0;
    const unsigned char *body;
    switch (n) {
    case 10: body = t; break;
    case 11: body = t; sign = t[6]; break;
    case 12: century = 1; body = t + 2; break;
    case 13: century = 1; body = t + 2; sign = t[8]; break;
    default: return 0;
    }
    if (sign && sign != '-' && sign != '+') return 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit(t[i]) && !(sign && t + i == body + 6)) return 0;
    }
    const unsigned char *serial = body + 6 + (sign ? 1 : 0);
    int d[10];
    for (int i = 0; i < 6; i++) d[i] = body[i] - '0';
    for (int i = 0; i < 4; i++) d[6 + i] = serial[i] - '0';
    int luhn = 0;
    for (int i = 0; i < 10; i++) luhn += i % 2 == 0 ? (d[i] * 2) / 10 + (d[i] * 2) % 10 : d[i];
    if (luhn % 10 != 0) return 0;
    if (century >= 0 && sign == '+') return 0;
    int yy = d[0] * 10 + d[1], mm = d[2] * 10 + d[3], dd = d[4] * 10 + d[5];
    int day = dd > 60 ? dd - 60 : dd;
    int year;
    if (century >= 0) {
        year = ((t[0] - '0') * 10 + (t[1] - '0')) * 100 + yy;
    } else {
        int on_year = on / 10000;
        int back = (on_year - yy) % 100;
        if (back < 0) back += 100; /* polars' modulo takes the sign of the divisor */
        year = on_year - back - (sign == '+' ? 100 : 0);
    }
    int32_t born = ymd(year, mm, day);
    if (born < 0 || born > on) return 0;
    *birth = born;
    return 0;
}

/* The current premium: quote.renewal.columns.current_columns. *ore: whole öre or -1
 * (absent or unusable); returns 1 when the field is given but unusable (bad_number). */
#define CURRENT_MAX_KRONOR 1000000
static int parse_current(const unsigned char *s, const unsigned char *e, int64_t *ore) {
    *ore = -1;
    if (s == e) return 0;
    /* polars' cast to Int64: [+-]?[0-9]+ within 64 bits; '+' is not taken as plain */
    const unsigned char *p = s;
    int negative = 0, plus = 0;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        plus = *p == '+';
        p++;
    }
    if (p < e) {
        const unsigned char *q = p;
        uint64_t v = 0;
        int overflow = 0;
        while (q < e && is_digit(*q)) {
            uint64_t next = v * 10 + (uint64_t)(*q - '0');
            if (v > UINT64_MAX / 10 || next < v) overflow = 1;
            v = next;
            q++;
        }
        if (q == e && !overflow && (negative ? v <= (uint64_t)INT64_MAX + 1 : v <= INT64_MAX)) {
            if (plus) return 1; /* polars reads '+5' as text then: no number */
            if (negative && v != 0) return 1;
            if (v > CURRENT_MAX_KRONOR) return 1;
            *ore = (int64_t)v * 100;
            return 0;
        }
    }
    /* as text: blanks out, the first ',' a '.', then -?\d{1,15}(\.\d{1,2})? */
    unsigned char t[64];
    int n = 0, comma_done = 0, too_long = 0;
    const unsigned char *q = s;
    while (q < e) {
        int w = white_space_at(q, e);
        if (w) {
            q += w;
            continue;
        }
        unsigned char c = *q++;
        if (c == ',' && !comma_done) {
            c = '.';
            comma_done = 1;
        }
        if (n == (int)sizeof(t)) too_long = 1;
        else t[n++] = c;
    }
    if (n == 0) return 0; /* only blanks: no premium given */
    if (too_long) return 1;
    int i = 0;
    int neg = 0;
    if (t[i] == '-') {
        neg = 1;
        i++;
    }
    int whole = 0;
    int64_t value = 0;
    while (i < n && is_digit(t[i])) {
        value = value * 10 + (t[i] - '0');
        whole++;
        i++;
        if (whole > 15) return 1;
    }
    if (whole == 0) return 1;
    int decimals = 0;
    int64_t cents = 0;
    if (i < n) {
        if (t[i] != '.') return 1;
        i++;
        while (i < n && is_digit(t[i])) {
            cents = cents * 10 + (t[i] - '0');
            decimals++;
            i++;
        }
        if (decimals < 1 || decimals > 2 || i != n) return 1;
        if (decimals == 1) cents *= 10;
    }
    int64_t total = value * 100 + cents;
    if (neg && total != 0) return 1;
    if (total > (int64_t)CURRENT_MAX_KRONOR * 100) return 1;
    *ore = total;
    return 0;
}

/* (new - old) / old in hundredths of a per cent, half-up: quote.renewal.stats
 * .change_hundredths (old > 0). */
static inline int64_t change_hundredths(int64_t new_ore, int64_t old_ore) {
    int64_t diff = new_ore - old_ore;
    int64_t size = diff < 0 ? -diff : diff;
    int64_t magnitude = (size * 20000 + old_ore) / (old_ore * 2);
    return diff < 0 ? -magnitude : magnitude;
}

static int band_of(int64_t change) {
    static const int64_t EDGES[N_BANDS - 1] = {0, 200, 500, 1000, 2000};
    int band = 0;
    while (band < N_BANDS - 1 && change >= EDGES[band]) band++;
    return band;
}

/* ---- the kernel object ------------------------------------------------------------- */

typedef struct {
    int32_t slot;   /* a rejected key: its reason and message; else -1 */
    int64_t ore;    /* the new premium in öre */
    Py_ssize_t mid; /* "bracket,index_factor,new_premium" rendered, in `texts` */
    Py_ssize_t mid_len;
    Py_ssize_t tail; /* "tariff_id" rendered */
    Py_ssize_t tail_len;
} Entry;

typedef struct {
    PyObject_HEAD
    /* the book */
    int width;
    unsigned char separator;
    unsigned char byte_class[256]; /* BYTE_* of each byte, for splitting a record */
    unsigned char *cp1252; /* 128 entries of 4 bytes: length, then UTF-8; NULL for UTF-8 */
    int *tuple_columns;
    int n_tuple_columns;
    int birth_column, id_column, current_column, renewal_column;
    int mask_column; /* the book's `id` column, masked in the rejects file (-1: none) */
    int32_t on;             /* --on: every record's renewal date (YYYYMMDD), else -1 */
    unsigned char *numeric; /* per column: a number column (Swedish Excel's decimal comma) */
    /* the outputs */
    int out_sv, rejects_sv;
    /* the tariff versions' brackets: position and lowest age, by version * stride + age */
    int stride, n_positions, max_age;
    int16_t *positions;
    int32_t *lows;
    int32_t *starts; /* each version's first day, YYYYMMDD, in order */
    Py_ssize_t n_versions;
    /* reasons and messages: a slot's rendered "reason,message" cells */
    Buf texts;
    Py_ssize_t *slot_at, *slot_len;
    Py_ssize_t n_slots, slots_cap;
    int32_t check_slots[N_CHECKS];
    /* tuples: the pricing texts of a record (key) -> index, and Python's flags of each */
    KeySet tuples;
    uint8_t *flags;
    Py_ssize_t flags_cap;
    /* groups: (tuple, version, year) -> index; a group's brackets share its pricing */
    KeySet groups;
    int32_t *prices; /* group * n_positions + position -> entry, or -1 */
    Py_ssize_t prices_cap;
    /* priced keys */
    Entry *entries;
    Py_ssize_t n_entries, entries_cap;
    Buf kept[4];     /* a run's four buffers, kept for the next run (no new pages each block) */
    int ready;       /* set up: __init__ went through */
    int active;      /* a run is going on */
    int in_callback; /* ... and has handed a record to Python, which may add to the tables */
} Kernel;

static void Kernel_dealloc(Kernel *k) {
    free(k->cp1252);
    free(k->tuple_columns);
    free(k->numeric);
    free(k->positions);
    free(k->lows);
    buf_free(&k->texts);
    free(k->slot_at);
    free(k->slot_len);
    keyset_free(&k->tuples);
    keyset_free(&k->groups);
    for (int i = 0; i < 4; i++) buf_free(&k->kept[i]);
    free(k->starts);
    free(k->flags);
    free(k->entries);
    free(k->prices);
    Py_TYPE(k)->tp_free((PyObject *)k);
}

static int int_list(PyObject *seq, const char *name, Py_ssize_t *n, long **out) {
    PyObject *fast = PySequence_Fast(seq, name);
    if (!fast) return 0;
    *n = PySequence_Fast_GET_SIZE(fast);
    *out = malloc(sizeof(long) * (size_t)(*n ? *n : 1));
    if (!*out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return 0;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        (*out)[i] = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if ((*out)[i] == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            free(*out);
            return 0;
        }
    }
    Py_DECREF(fast);
    return 1;
}

static Py_ssize_t add_text(Kernel *k, const char *p, Py_ssize_t n) {
    Py_ssize_t at = k->texts.len;
    buf_put(&k->texts, p, n);
    return k->texts.failed ? -1 : at;
}

/* The book's encoding: None for UTF-8, else Windows-1252 as 128 UTF-8 byte strings (the
 * characters of bytes 0x80 to 0xFF as Python's codec has them; b"" where it has none). */
static int set_cp1252(Kernel *k, PyObject *table) {
    if (table == Py_None) {
        free(k->cp1252);
        k->cp1252 = NULL;
        return 0;
    }
    PyObject *fast = PySequence_Fast(table, "cp1252");
    if (!fast) return -1;
    if (PySequence_Fast_GET_SIZE(fast) != 128) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "kernel: cp1252 needs 128 entries");
        return -1;
    }
    unsigned char *entries = calloc(128, 4);
    if (!entries) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (int i = 0; i < 128; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i);
        char *p;
        Py_ssize_t n;
        if (PyBytes_AsStringAndSize(item, &p, &n) < 0 || n > 3) {
            Py_DECREF(fast);
            free(entries);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "kernel: cp1252");
            return -1;
        }
        entries[i * 4] = (unsigned char)n;
        memcpy(entries + i * 4 + 1, p, (size_t)n);
    }
    Py_DECREF(fast);
    free(k->cp1252);
    k->cp1252 = entries;
    return 0;
}

static int Kernel_init(Kernel *k, PyObject *args, PyObject *kwds) {
    static char *names[] = {"width", "separator", "cp1252", "tuple_columns", "birth_column",
                            "id_column", "mask_column", "current_column", "renewal_column",
                            "on", "numeric_columns", "out_sv", "rejects_sv", "stride",
                            "n_positions", "positions", "lows", "starts", "max_age", NULL};
    int width, separator, birth, id, mask, current, renewal, on, out_sv, rejects_sv, stride,
        n_positions, max_age;
    PyObject *cp1252, *tuple_columns, *numeric, *positions, *lows, *starts;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "iiOOiiiiiiOppiiOOOi", names, &width,
                                     &separator, &cp1252, &tuple_columns, &birth, &id, &mask,
                                     &current, &renewal, &on, &numeric, &out_sv, &rejects_sv,
                                     &stride, &n_positions, &positions, &lows, &starts,
                                     &max_age))
        return -1;
    if (k->tuple_columns != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "a kernel is set up once");
        return -1;
    }
    if (width < 1 || width > MAX_WIDTH || separator < 1 || separator > 127 || stride < 1 ||
        n_positions < 1 || n_positions > INT16_MAX || max_age < 0 || max_age > 100000) {
        PyErr_SetString(PyExc_ValueError, "kernel: bad shape");
        return -1;
    }
    k->width = width;
    k->separator = (unsigned char)separator;
    for (int c = 0; c < 256; c++) {
        k->byte_class[c] = c == separator                      ? BYTE_SEPARATOR
                           : c == '"' || c == 0 || c == '\r' ? BYTE_POLARS
                           : c >= 0x80                         ? BYTE_HIGH
                                                               : BYTE_PLAIN;
    }
    k->birth_column = birth;
    k->id_column = id;
    k->current_column = current;
    k->mask_column = mask;
    k->renewal_column = renewal;
    k->on = on;
    k->out_sv = out_sv;
    k->rejects_sv = rejects_sv;
    k->stride = stride;
    k->n_positions = n_positions;
    k->max_age = max_age;
    if (birth >= width || id >= width || mask >= width || current >= width ||
        renewal >= width || (birth < 0) == (id < 0) || (renewal < 0) == (on < 0) ||
        (id >= 0 && mask != id)) {
        PyErr_SetString(PyExc_ValueError, "kernel: bad column");
        return -1;
    }
    if (set_cp1252(k, cp1252) < 0) return -1;
    Py_ssize_t n;
    long *values;
    if (!int_list(tuple_columns, "tuple_columns", &n, &values)) return -1;
    k->tuple_columns = malloc(sizeof(int) * (size_t)(n ? n : 1));
    k->n_tuple_columns = (int)n;
    for (Py_ssize_t i = 0; i < n && k->tuple_columns; i++) {
        if (values[i] < 0 || values[i] >= width) {
            free(values);
            PyErr_SetString(PyExc_ValueError, "kernel: bad tuple column");
            return -1;
        }
        k->tuple_columns[i] = (int)values[i];
    }
    free(values);
    if (!int_list(numeric, "numeric_columns", &n, &values)) return -1;
    k->numeric = calloc((size_t)width, 1);
    for (Py_ssize_t i = 0; i < n && k->numeric; i++) {
        if (values[i] < 0 || values[i] >= width) {
            free(values);
            PyErr_SetString(PyExc_ValueError, "kernel: bad numeric column");
            return -1;
        }
        k->numeric[values[i]] = 1;
    }
    free(values);
    Py_ssize_t n_lows;
    if (!int_list(positions, "positions", &n, &values)) return -1;
    long *low_values;
    if (!int_list(lows, "lows", &n_lows, &low_values)) {
        free(values);
        return -1;
    }
    if (n != n_lows || n == 0 || n % stride != 0) {
        free(values);
        free(low_values);
        PyErr_SetString(PyExc_ValueError, "kernel: positions and lows differ");
        return -1;
    }
    k->n_versions = n / stride;
    k->positions = malloc(sizeof(int16_t) * (size_t)n);
    k->lows = malloc(sizeof(int32_t) * (size_t)n);
    for (Py_ssize_t i = 0; i < n && k->positions && k->lows; i++) {
        if (values[i] < 0 || values[i] >= n_positions) {
            free(values);
            free(low_values);
            PyErr_SetString(PyExc_ValueError, "kernel: bad bracket position");
            return -1;
        }
        k->positions[i] = (int16_t)values[i];
        k->lows[i] = (int32_t)low_values[i];
    }
    free(values);
    free(low_values);
    Py_ssize_t n_starts;
    if (!int_list(starts, "starts", &n_starts, &values)) return -1;
    if (n_starts != k->n_versions) {
        free(values);
        PyErr_SetString(PyExc_ValueError, "kernel: one start per version");
        return -1;
    }
    k->starts = malloc(sizeof(int32_t) * (size_t)n_starts);
    for (Py_ssize_t i = 0; i < n_starts && k->starts; i++) k->starts[i] = (int32_t)values[i];
    free(values);
    for (int i = 0; i < N_CHECKS; i++) k->check_slots[i] = -1;
    if (!k->tuple_columns || !k->numeric || !k->positions || !k->lows || !k->starts ||
        !keyset_init(&k->tuples) || !keyset_init(&k->groups)) {
        PyErr_NoMemory();
        return -1;
    }
    k->ready = 1;
    return 0;
}

static int ensure_idle(Kernel *k) {
    if (!k->ready) {
        PyErr_SetString(PyExc_RuntimeError, "kernel not set up");
        return 0;
    }
    if (k->active && !k->in_callback) {
        PyErr_SetString(PyExc_RuntimeError, "the kernel's tables change only between runs");
        return 0;
    }
    return 1;
}

/* set_encoding(cp1252): see set_cp1252 (a book of ASCII settles at its first other block) */
static PyObject *Kernel_set_encoding(Kernel *k, PyObject *arg) {
    if (!ensure_idle(k) || set_cp1252(k, arg) < 0) return NULL;
    Py_RETURN_NONE;
}

/* add_slot(cells: bytes) -> int: the rendered "reason,message" cells of a rejects row */
static PyObject *Kernel_add_slot(Kernel *k, PyObject *arg) {
    char *p;
    Py_ssize_t n;
    if (!ensure_idle(k) || PyBytes_AsStringAndSize(arg, &p, &n) < 0) return NULL;
    if (k->n_slots == k->slots_cap) {
        Py_ssize_t cap = k->slots_cap ? k->slots_cap * 2 : 32;
        Py_ssize_t *at = realloc(k->slot_at, sizeof(Py_ssize_t) * (size_t)cap);
        if (!at) return PyErr_NoMemory();
        k->slot_at = at;
        Py_ssize_t *len = realloc(k->slot_len, sizeof(Py_ssize_t) * (size_t)cap);
        if (!len) return PyErr_NoMemory();
        k->slot_len = len;
        k->slots_cap = cap;
    }
    Py_ssize_t at = add_text(k, p, n);
    if (at < 0) return PyErr_NoMemory();
    k->slot_at[k->n_slots] = at;
    k->slot_len[k->n_slots] = n;
    return PyLong_FromSsize_t(k->n_slots++);
}

/* set_checks(slots: sequence of int): the slot of each check, in CHECKS order */
static PyObject *Kernel_set_checks(Kernel *k, PyObject *arg) {
    Py_ssize_t n;
    long *values;
    if (!ensure_idle(k) || !int_list(arg, "checks", &n, &values)) return NULL;
    if (n != N_CHECKS) {
        free(values);
        PyErr_SetString(PyExc_ValueError, "kernel: one slot per check");
        return NULL;
    }
    for (int i = 0; i < N_CHECKS; i++) {
        if (values[i] < 0 || values[i] >= k->n_slots) {
            free(values);
            PyErr_SetString(PyExc_ValueError, "kernel: no such slot");
            return NULL;
        }
        k->check_slots[i] = (int32_t)values[i];
    }
    free(values);
    Py_RETURN_NONE;
}

/* add_tuple(key: bytes, flags: int) -> int */
static PyObject *Kernel_add_tuple(Kernel *k, PyObject *args) {
    const char *p;
    Py_ssize_t n;
    int flags;
    if (!ensure_idle(k) || !PyArg_ParseTuple(args, "y#i", &p, &n, &flags)) return NULL;
    uint64_t h = hash_bytes(p, n);
    if (keyset_find(&k->tuples, p, n, h) >= 0) {
        PyErr_SetString(PyExc_ValueError, "kernel: tuple added twice");
        return NULL;
    }
    Py_ssize_t count = k->tuples.count;
    if (count == k->flags_cap) {
        Py_ssize_t cap = k->flags_cap ? k->flags_cap * 2 : 256;
        uint8_t *grown = realloc(k->flags, (size_t)cap);
        if (!grown) return PyErr_NoMemory();
        k->flags = grown;
        k->flags_cap = cap;
    }
    if (keyset_add(&k->tuples, p, n, h) < 0) return PyErr_NoMemory();
    k->flags[count] = (uint8_t)flags;
    return PyLong_FromSsize_t(count);
}

/* A group's key: (tuple, version, year). */
typedef struct {
    int32_t tuple, version, year;
} GroupKey;

static inline int32_t find_group(const KeySet *groups, GroupKey g) {
    return keyset_find(groups, (const char *)&g, sizeof(g), hash_bytes((const char *)&g,
                                                                         sizeof(g)));
}

/* add_group(tuple: int, version: int, year: int) -> int: its brackets are priced next */
static PyObject *Kernel_add_group(Kernel *k, PyObject *args) {
    GroupKey g;
    if (!ensure_idle(k) || !PyArg_ParseTuple(args, "iii", &g.tuple, &g.version, &g.year))
        return NULL;
    if (g.tuple < 0 || g.tuple >= k->tuples.count || g.version < 0 || g.version >= k->n_versions) {
        PyErr_SetString(PyExc_ValueError, "kernel: no such tuple or version");
        return NULL;
    }
    if (find_group(&k->groups, g) >= 0) {
        PyErr_SetString(PyExc_ValueError, "kernel: group added twice");
        return NULL;
    }
    Py_ssize_t count = k->groups.count;
    if (count == k->prices_cap) {
        Py_ssize_t cap = k->prices_cap ? k->prices_cap * 2 : 64;
        int32_t *grown = realloc(k->prices, sizeof(int32_t) * (size_t)(cap * k->n_positions));
        if (!grown) return PyErr_NoMemory();
        k->prices = grown;
        k->prices_cap = cap;
    }
    if (keyset_add(&k->groups, (const char *)&g, sizeof(g),
                   hash_bytes((const char *)&g, sizeof(g))) < 0)
        return PyErr_NoMemory();
    for (int i = 0; i < k->n_positions; i++) k->prices[count * k->n_positions + i] = -1;
    return PyLong_FromSsize_t(count);
}

static PyObject *add_entry(Kernel *k, Entry entry) {
    if (k->n_entries == k->entries_cap) {
        Py_ssize_t cap = k->entries_cap ? k->entries_cap * 2 : 256;
        Entry *entries = realloc(k->entries, sizeof(Entry) * (size_t)cap);
        if (!entries) return PyErr_NoMemory();
        k->entries = entries;
        k->entries_cap = cap;
    }
    k->entries[k->n_entries] = entry;
    return PyLong_FromSsize_t(k->n_entries++);
}

/* add_priced(ore: int, mid: bytes, tail: bytes) -> int: a key the engine priced */
static PyObject *Kernel_add_priced(Kernel *k, PyObject *args) {
    long long ore;
    const char *mid, *tail;
    Py_ssize_t mid_len, tail_len;
    if (!ensure_idle(k) ||
        !PyArg_ParseTuple(args, "Ly#y#", &ore, &mid, &mid_len, &tail, &tail_len))
        return NULL;
    if (ore < 0 || ore > MAX_ORE) {
        PyErr_SetString(PyExc_ValueError, "kernel: a premium out of range");
        return NULL;
    }
    Entry entry = {-1, ore, add_text(k, mid, mid_len), mid_len, 0, tail_len};
    entry.tail = add_text(k, tail, tail_len);
    if (entry.mid < 0 || entry.tail < 0) return PyErr_NoMemory();
    return add_entry(k, entry);
}

/* add_rejected(slot: int) -> int: a key the engine cannot price, and why */
static PyObject *Kernel_add_rejected(Kernel *k, PyObject *arg) {
    if (!ensure_idle(k)) return NULL;
    long slot = PyLong_AsLong(arg);
    if (slot == -1 && PyErr_Occurred()) return NULL;
    if (slot < 0 || slot >= k->n_slots) {
        PyErr_SetString(PyExc_ValueError, "kernel: no such slot");
        return NULL;
    }
    Entry entry = {(int32_t)slot, 0, 0, 0, 0, 0};
    return add_entry(k, entry);
}

/* add_price(group: int, position: int, entry: int) */
static PyObject *Kernel_add_price(Kernel *k, PyObject *args) {
    Py_ssize_t group, position, entry;
    if (!ensure_idle(k) || !PyArg_ParseTuple(args, "nnn", &group, &position, &entry))
        return NULL;
    if (group < 0 || group >= k->groups.count || position < 0 || position >= k->n_positions ||
        entry < 0 || entry >= k->n_entries) {
        PyErr_SetString(PyExc_ValueError, "kernel: no such group, position or entry");
        return NULL;
    }
    k->prices[group * k->n_positions + position] = (int32_t)entry;
    Py_RETURN_NONE;
}

/* ---- one run over a block ------------------------------------------------------------ */

typedef struct {
    const unsigned char *s, *e;
} Span;

typedef struct {
    Buf out, rejects;
    Buf line;     /* a record turned from Windows-1252 into UTF-8 */
    Buf key;      /* the record's tuple key */
    Span *fields; /* the record's first `width` fields */
    int64_t records, rows_out, before, after, after_all, with_current, moved;
    int64_t bands[N_BANDS];
    int64_t *by_age;   /* (max_age + 1) * N_FIGURES */
    int64_t *by_tuple; /* tuples * N_FIGURES */
    Py_ssize_t by_tuple_n;
    int64_t *slot_counts;
    Py_ssize_t slot_counts_n;
    int32_t first_reject;
    KeySet unknown;        /* tuple keys the tables lack, for on_missing */
    KeySet unknown_groups; /* groups the tables lack (version, year, tuple key) */
    Buf group_key;
    uint64_t key_hash;
    PyObject *on_missing; /* Python's: add tuples and groups (with their prices) */
    PyThreadState *saved;          /* the thread's state while the GIL is released */
    const unsigned char *block_end; /* the block's last byte + 1: no read goes past it */
    int result;
    int out_of_memory;
} Run;

/* Is the record's text valid UTF-8 (no overlong forms, no surrogates)? */
static int valid_utf8(const unsigned char *p, const unsigned char *e) {
    while (p < e) {
        unsigned char c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        int n;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (e - p <= n) return 0;
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        p += n + 1;
    }
    return 1;
}

static inline int is_formula_start(const Span *f) {
    if (f->s == f->e) return 0;
    unsigned char c = f->s[0];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Is the field a plain number once quote.spreadsheet.plain_number has taken its blanks
 * out and made its first ',' a '.': -?[0-9]+(\.[0-9]+)? ? */
static int plain_number(Span f) {
    int state = 0; /* 0 start, 1 after '-', 2 whole digits, 3 after '.', 4 decimals */
    int comma_done = 0;
    for (const unsigned char *q = f.s; q < f.e;) {
        int w = white_space_at(q, f.e);
        if (w) {
            q += w;
            continue;
        }
        unsigned char c = *q++;
        if (c == ',' && !comma_done) {
            c = '.';
            comma_done = 1;
        }
        if (c == '-' && state == 0) state = 1;
        else if (is_digit(c) && state <= 2) state = 2;
        else if (c == '.' && state == 2) state = 3;
        else if (is_digit(c) && state >= 3) state = 4;
        else return 0;
    }
    return state == 2 || state == 4;
}

/* A field as Swedish Excel's CSV has it (quote.spreadsheet.TableWriter, excel-sv): a
 * number column's plain number with a decimal comma, any other text that looks like a
 * formula after a "'", quoted where it holds ';' (the separator) or '"'. */
static void put_sv(Buf *b, Span f, int numeric) {
    if (f.s == f.e) return; /* an empty field is null: nothing */
    if (numeric && plain_number(f)) {
        /* the number without its blanks, its decimal point (or first comma) a comma */
        for (const unsigned char *q = f.s; q < f.e;) {
            int w = white_space_at(q, f.e);
            if (w) {
                q += w;
                continue;
            }
            buf_byte(b, *q == '.' ? ',' : (char)*q);
            q++;
        }
        return;
    }
    int quote = 0;
    for (const unsigned char *q = f.s; q < f.e; q++) {
        if (*q == ';' || *q == '"' || *q == '\n' || *q == '\r') quote = 1;
    }
    if (quote) buf_byte(b, '"');
    if (is_formula_start(&f)) buf_byte(b, '\'');
    if (!quote) {
        buf_put(b, (const char *)f.s, f.e - f.s);
    } else {
        for (const unsigned char *q = f.s; q < f.e; q++) {
            if (*q == '"') buf_byte(b, '"');
            buf_byte(b, (char)*q);
        }
        buf_byte(b, '"');
    }
}

/* An identity number with only its birth-date digits left (quote.renewal.writing
 * .mask_id): its first 6 characters (8 when it has 12 letters or digits or more), every
 * later ASCII letter or digit '*'. */
static void put_masked(Buf *b, Span f, int sv) {
    int alnum = 0;
    for (const unsigned char *q = f.s; q < f.e && alnum < 12; q++) {
        unsigned char c = *q;
        if (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) alnum++;
    }
    int keep = alnum >= 12 ? 8 : 6;
    Buf masked = {0};
    int chars = 0;
    for (const unsigned char *q = f.s; q < f.e; q++) {
        unsigned char c = *q;
        if ((c & 0xc0) != 0x80 && chars <= keep) chars++; /* a character starts here */
        int alnum_here = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        buf_byte(&masked, chars > keep && alnum_here ? '*' : (char)c);
    }
    if (masked.failed) {
        b->failed = 1;
    } else {
        Span m = {(const unsigned char *)masked.data,
                  (const unsigned char *)masked.data + masked.len};
        if (sv) put_sv(b, m, 0);
        else buf_put(b, masked.data, masked.len);
    }
    buf_free(&masked);
}

static void put_hundredths(Buf *b, int64_t value, char point) {
    int64_t size = value < 0 ? -value : value;
    if (value < 0) buf_byte(b, '-');
    buf_int(b, size / 100);
    buf_byte(b, point);
    buf_byte(b, (char)('0' + size % 100 / 10));
    buf_byte(b, (char)('0' + size % 10));
}

static void add_figures(int64_t *figures, int64_t current, int64_t new_ore) {
    figures[0] += 1;
    if (current >= 0) {
        figures[1] += 1;
        figures[2] += current;
        figures[3] += new_ore;
    }
    figures[4] += new_ore;
}

/* Make a zeroed array of counts (`width` per item) hold at least `items` items. */
static int grow_counts(int64_t **counts, Py_ssize_t *n, int width, Py_ssize_t items) {
    if (items <= *n) return 1;
    Py_ssize_t cap = *n ? *n : 64;
    while (cap < items) cap *= 2;
    int64_t *grown = realloc(*counts, sizeof(int64_t) * (size_t)(cap * width));
    if (!grown) return 0;
    memset(grown + *n * width, 0, sizeof(int64_t) * (size_t)((cap - *n) * width));
    *counts = grown;
    *n = cap;
    return 1;
}

/* A tuple whose records never reach pricing in this kernel: read the polars way, or
 * rejected for a reason the tuple itself gives (checked before any price is looked up). */
static inline int never_priced(const Kernel *k, uint8_t flags) {
    return (flags & (FLAG_FALLBACK | FLAG_SEPARATOR)) ||
           (k->id_column >= 0 && (flags & FLAG_COUNTRY_BAD));
}

/* The keys of a KeySet as a list of bytes. */
static PyObject *keys_list(const KeySet *set) {
    PyObject *keys = PyList_New(set->count);
    for (Py_ssize_t i = 0; keys && i < set->count; i++) {
        Py_ssize_t start = set->offsets[i];
        PyObject *key = PyBytes_FromStringAndSize(set->arena.data + start,
                                                  set->offsets[i + 1] - start);
        if (!key) {
            Py_DECREF(keys);
            return NULL;
        }
        PyList_SET_ITEM(keys, i, key);
    }
    return keys;
}

/* The groups of a KeySet as a list of (tuple key, version, year). */
static PyObject *groups_list(const KeySet *set) {
    PyObject *groups = PyList_New(set->count);
    for (Py_ssize_t i = 0; groups && i < set->count; i++) {
        int32_t head[2];
        const char *at = set->arena.data + set->offsets[i];
        Py_ssize_t n = set->offsets[i + 1] - set->offsets[i] - (Py_ssize_t)sizeof(head);
        memcpy(head, at, sizeof(head));
        PyObject *item = Py_BuildValue("(y#ii)", at + sizeof(head), n, head[0], head[1]);
        if (!item) {
            Py_DECREF(groups);
            return NULL;
        }
        PyList_SET_ITEM(groups, i, item);
    }
    return groups;
}

/* Hand what the tables lack (r->unknown, r->unknown_groups) to Python's on_missing, the
 * GIL taken back meanwhile; both sets are emptied. -1 when the callback raised or did not
 * add them: the run stops and the exception goes up. */
static int call_python(Kernel *k, Run *r) {
    PyEval_RestoreThread(r->saved);
    PyObject *keys = keys_list(&r->unknown);
    PyObject *groups = groups_list(&r->unknown_groups);
    int ok = 0;
    if (keys && groups) {
        k->in_callback = 1;
        PyObject *result = PyObject_CallFunctionObjArgs(r->on_missing, keys, groups, NULL);
        k->in_callback = 0;
        ok = result != NULL;
        Py_XDECREF(result);
    }
    Py_XDECREF(keys);
    Py_XDECREF(groups);
    for (Py_ssize_t i = 0; ok && i < r->unknown.count; i++) {
        const char *key = r->unknown.arena.data + r->unknown.offsets[i];
        Py_ssize_t n = r->unknown.offsets[i + 1] - r->unknown.offsets[i];
        if (keyset_find(&k->tuples, key, n, hash_bytes(key, n)) < 0) {
            PyErr_SetString(PyExc_RuntimeError, "on_missing did not add every tuple");
            ok = 0;
        }
    }
    for (Py_ssize_t i = 0; ok && i < r->unknown_groups.count; i++) {
        int32_t head[2];
        const char *at = r->unknown_groups.arena.data + r->unknown_groups.offsets[i];
        Py_ssize_t n = r->unknown_groups.offsets[i + 1] - r->unknown_groups.offsets[i] -
                       (Py_ssize_t)sizeof(head);
        memcpy(head, at, sizeof(head));
        int32_t tuple = keyset_find(&k->tuples, at + sizeof(head), n,
                                    hash_bytes(at + sizeof(head), n));
        GroupKey g = {tuple, head[0], head[1]};
        /* a group of a tuple whose records are never priced need not be added */
        if (tuple >= 0 && never_priced(k, k->flags[tuple])) continue;
        if (tuple < 0 || find_group(&k->groups, g) < 0) {
            PyErr_SetString(PyExc_RuntimeError, "on_missing did not add every group");
            ok = 0;
        }
    }
    r->saved = PyEval_SaveThread();
    keyset_free(&r->unknown);
    keyset_free(&r->unknown_groups);
    if (!keyset_init(&r->unknown) || !keyset_init(&r->unknown_groups)) r->out_of_memory = 1;
    if (!ok) r->result = RESULT_ERROR;
    return ok ? 0 : -1;
}

static void write_rejected(Kernel *k, Run *r, const unsigned char *ls, const unsigned char *le,
                           int n_fields, int32_t slot, int64_t line_number) {
    Buf *b = &r->rejects;
    char sep = (char)(k->rejects_sv ? ';' : k->separator);
    int simple = !k->rejects_sv && k->mask_column < 0 && n_fields == k->width;
    if (simple) {
        buf_put(b, (const char *)ls, le - ls);
    } else {
        /* a record too long keeps its first `width` fields, one too short gets empty ones */
        for (int i = 0; i < k->width; i++) {
            if (i) buf_byte(b, sep);
            if (i >= n_fields) continue; /* a record too short: empty fields */
            Span f = r->fields[i];
            if (i == k->mask_column && f.s != f.e) put_masked(b, f, k->rejects_sv);
            else if (k->rejects_sv) put_sv(b, f, k->numeric[i]);
            else buf_put(b, (const char *)f.s, f.e - f.s);
        }
    }
    buf_byte(b, sep);
    buf_int(b, line_number);
    buf_byte(b, sep);
    buf_put(b, k->texts.data + k->slot_at[slot], k->slot_len[slot]);
    buf_byte(b, '\n');
    if (slot >= r->slot_counts_n && !grow_counts(&r->slot_counts, &r->slot_counts_n, 1,
                                                 slot + 1)) {
        r->out_of_memory = 1;
        return;
    }
    r->slot_counts[slot] += 1;
    if (r->first_reject < 0) r->first_reject = slot;
}

static void write_priced(Kernel *k, Run *r, const unsigned char *ls, const unsigned char *le,
                         int age, const Entry *entry, int64_t current) {
    Buf *b = &r->out;
    char sep = (char)(k->out_sv ? ';' : k->separator);
    if (!k->out_sv) {
        buf_put(b, (const char *)ls, le - ls);
    } else {
        for (int i = 0; i < k->width; i++) {
            if (i) buf_byte(b, sep);
            put_sv(b, r->fields[i], k->numeric[i]);
        }
    }
    buf_byte(b, sep);
    buf_int(b, age);
    buf_byte(b, sep);
    buf_put(b, k->texts.data + entry->mid, entry->mid_len);
    buf_byte(b, sep);
    if (current > 0) put_hundredths(b, change_hundredths(entry->ore, current),
                                    k->out_sv ? ',' : '.');
    buf_byte(b, sep);
    buf_put(b, k->texts.data + entry->tail, entry->tail_len);
    buf_byte(b, '\n');
}

/* What reading a record found. */
enum { READ_TUPLE, READ_RAGGED, READ_UNKNOWN, READ_POLARS, READ_FAILED };

/* Split a record into its fields (turned into UTF-8 first from Windows-1252), and find
 * its tuple. READ_POLARS: a quote, a NUL, a carriage return or bytes not in the encoding
 * (the block is read the polars way); READ_RAGGED: not `width` fields; READ_UNKNOWN: a
 * tuple the tables lack (its key in r->key); READ_TUPLE: *tuple set. *ls and *le move to
 * the UTF-8 text of a record that was in Windows-1252. */
static int read_record(Kernel *k, Run *r, const unsigned char **line_start,
                       const unsigned char **line_end, int *fields_found, int32_t *tuple) {
    const unsigned char *ls = *line_start, *le = *line_end;
    int n_fields = 0, high = 0;
    const unsigned char *start = ls;
    unsigned char sep = k->separator;
    const unsigned char *q = ls;
#if defined(__SSE2__)
    /* 16 bytes at a time: a mask of the bytes that are not plain ASCII text (the separator,
     * a quote, NUL, carriage return, or a byte of 0x80 or more); each is then looked at
     * as below. Reads stop 16 bytes before the block's end, never past it. */
    const __m128i v_sep = _mm_set1_epi8((char)sep), v_quote = _mm_set1_epi8('"'),
                  v_nul = _mm_setzero_si128(), v_cr = _mm_set1_epi8('\r');
    while (r->block_end - q >= 16 && q < le) {
        __m128i v = _mm_loadu_si128((const __m128i *)q);
        __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, v_sep), _mm_cmpeq_epi8(v, v_quote)),
            _mm_or_si128(_mm_cmpeq_epi8(v, v_nul), _mm_cmpeq_epi8(v, v_cr)));
        unsigned int bits = (unsigned int)_mm_movemask_epi8(_mm_or_si128(special, v));
        if (le - q < 16) bits &= (1u << (le - q)) - 1;
        while (bits) {
            const unsigned char *at = q + __builtin_ctz(bits);
            bits &= bits - 1;
            unsigned char kind = k->byte_class[*at];
            if (kind == BYTE_SEPARATOR) {
                if (n_fields < k->width) r->fields[n_fields] = (Span){start, at};
                if (n_fields <= k->width) n_fields++; /* more than width + 1 is no matter */
                start = at + 1;
            } else if (kind == BYTE_POLARS) {
                return READ_POLARS;
            } else {
                high = 1;
            }
        }
        q += 16;
    }
    if (q > le) q = le;
#endif
    for (; q < le; q++) {
        unsigned char kind = k->byte_class[*q];
        if (kind == BYTE_PLAIN) continue;
        if (kind == BYTE_SEPARATOR) {
            if (n_fields < k->width) r->fields[n_fields] = (Span){start, q};
            if (n_fields <= k->width) n_fields++;
            start = q + 1;
        } else if (kind == BYTE_POLARS) {
            return READ_POLARS;
        } else {
            high = 1;
        }
    }
    if (n_fields < k->width) r->fields[n_fields] = (Span){start, le};
    if (n_fields <= k->width) n_fields++;
    if (high) {
        if (k->cp1252 == NULL) {
            if (!valid_utf8(ls, le)) return READ_POLARS;
        } else {
            /* Windows-1252 into UTF-8, then the fields found again in the new text */
            r->line.len = 0;
            for (const unsigned char *at = ls; at < le; at++) {
                if (*at < 0x80) {
                    buf_byte(&r->line, (char)*at);
                    continue;
                }
                const unsigned char *to = k->cp1252 + (*at - 0x80) * 4;
                if (to[0] == 0) return READ_POLARS; /* no character in Windows-1252 */
                buf_put(&r->line, (const char *)to + 1, to[0]);
            }
            if (r->line.failed) return READ_FAILED;
            ls = (const unsigned char *)r->line.data;
            le = ls + r->line.len;
            int i = 0;
            start = ls;
            for (const unsigned char *at = ls; at < le; at++) {
                if (*at == sep) {
                    if (i < k->width) r->fields[i] = (Span){start, at};
                    if (i <= k->width) i++;
                    start = at + 1;
                }
            }
            if (i < k->width) r->fields[i] = (Span){start, le};
            *line_start = ls;
            *line_end = le;
        }
    }
    *fields_found = n_fields;
    if (n_fields != k->width) return READ_RAGGED;
    r->key.len = 0;
    for (int i = 0; i < k->n_tuple_columns; i++) {
        Span f = r->fields[k->tuple_columns[i]];
        buf_put(&r->key, (const char *)f.s, f.e - f.s);
        buf_byte(&r->key, 0);
    }
    if (r->key.failed) return READ_FAILED;
    r->key_hash = hash_bytes(r->key.data, r->key.len);
    *tuple = keyset_find(&k->tuples, r->key.data, r->key.len, r->key_hash);
    return *tuple < 0 ? READ_UNKNOWN : READ_TUPLE;
}

/* The renewal date of a record (YYYYMMDD, or -1: not a date) and the tariff version in
 * force on it (-1: before the first). */
static int32_t renewal_of(const Kernel *k, const Run *r, int *version) {
    int32_t renewal = k->on;
    if (k->renewal_column >= 0) {
        Span f = r->fields[k->renewal_column];
        renewal = parse_iso_date(f.s, f.e);
    }
    *version = -1;
    for (Py_ssize_t i = 0; renewal >= 0 && i < k->n_versions; i++) {
        if (renewal >= k->starts[i]) *version = (int)i;
    }
    return renewal;
}

/* Note a tuple key (r->key) or a group the tables lack, for on_missing. */
static void note_unknown(Run *r, KeySet *into, const char *key, Py_ssize_t n, uint64_t h) {
    if (keyset_find(into, key, n, h) < 0 && keyset_add(into, key, n, h) < 0)
        r->out_of_memory = 1;
}

/* Note the group of the record in hand (its tuple key in r->key, known or not) by its
 * version, year and tuple key. */
static void note_unknown_group(Run *r, int version, int year) {
    int32_t head[2] = {version, year};
    Buf *key = &r->group_key;
    key->len = 0;
    buf_put(key, (const char *)head, sizeof(head));
    buf_put(key, r->key.data, r->key.len);
    if (key->failed) {
        r->out_of_memory = 1;
        return;
    }
    note_unknown(r, &r->unknown_groups, key->data, key->len, hash_bytes(key->data, key->len));
}

/* One record: checked, priced or rejected, written and counted. Returns 0; 1 for a record
 * whose tuple or group the tables lack (nothing written or counted; noted for on_missing);
 * -1 for a record the polars path must read (then the whole block is). */
static int one_record(Kernel *k, Run *r, const unsigned char *ls, const unsigned char *le,
                      int64_t line_number) {
    int n_fields = 0;
    int32_t tuple = -1;
    switch (read_record(k, r, &ls, &le, &n_fields, &tuple)) {
    case READ_POLARS:
        return -1;
    case READ_FAILED:
        r->out_of_memory = 1;
        return 0;
    case READ_UNKNOWN:
        note_unknown(r, &r->unknown, r->key.data, r->key.len, r->key_hash);
        return 1;
    case READ_RAGGED:
        r->records++;
        write_rejected(k, r, ls, le, n_fields,
                       k->check_slots[n_fields < k->width ? CHECK_TOO_FEW : CHECK_TOO_MANY],
                       line_number);
        return 0;
    }
    uint8_t flags = k->flags[tuple];
    if (flags & FLAG_FALLBACK) return -1;
    int version;
    int32_t renewal = renewal_of(k, r, &version);
    /* the row checks, in the registry's order */
    int check = -1;
    int32_t birth = -1;
    int age = 0;
    int64_t current = -1;
    if (renewal < 0) {
        check = CHECK_RENEWAL;
    } else {
        if (k->birth_column >= 0) {
            Span f = r->fields[k->birth_column];
            birth = parse_iso_date(f.s, f.e);
        } else if (!(flags & FLAG_COUNTRY_BAD)) {
            Span f = r->fields[k->id_column];
            if (parse_swedish_id(f.s, f.e, renewal, &birth) < 0) return -1;
        }
        if (k->birth_column >= 0 && birth < 0) check = CHECK_BIRTH;
        else if (k->id_column >= 0 && (flags & FLAG_COUNTRY_BAD)) check = CHECK_ID_COUNTRY;
        else if (k->id_column >= 0 && birth < 0) check = CHECK_ID;
        else if (birth > renewal) check = CHECK_BIRTH_AFTER;
        else {
            int64_t years = ((int64_t)renewal - birth) / 10000;
            if (years > k->max_age) check = CHECK_AGE;
            else if (version < 0) check = CHECK_BEFORE_TARIFF;
            else {
                age = (int)years;
                if (k->current_column >= 0) {
                    Span f = r->fields[k->current_column];
                    if (parse_current(f.s, f.e, &current)) check = CHECK_CURRENT;
                }
                if (check < 0 && (flags & FLAG_SEPARATOR)) check = CHECK_SEPARATOR;
            }
        }
    }
    if (check >= 0) {
        r->records++;
        write_rejected(k, r, ls, le, k->width, k->check_slots[check], line_number);
        return 0;
    }
    /* the price: the record's bracket in its group (tuple, version, year) */
    GroupKey g = {tuple, version, renewal / 10000};
    int32_t group = find_group(&k->groups, g);
    if (group < 0) {
        note_unknown_group(r, version, g.year);
        return 1;
    }
    int at = version * k->stride + (age < k->stride ? age : k->stride - 1);
    int position = k->positions[at];
    int32_t e = k->prices[(Py_ssize_t)group * k->n_positions + position];
    if (e < 0) {
        PyEval_RestoreThread(r->saved);
        PyErr_SetString(PyExc_RuntimeError, "a group was added without all its prices");
        r->saved = PyEval_SaveThread();
        r->result = RESULT_ERROR;
        return 0;
    }
    if (tuple >= r->by_tuple_n &&
        !grow_counts(&r->by_tuple, &r->by_tuple_n, N_FIGURES, k->tuples.count)) {
        r->out_of_memory = 1;
        return 0;
    }
    r->records++;
    const Entry *entry = &k->entries[e];
    if (entry->slot >= 0) {
        write_rejected(k, r, ls, le, k->width, entry->slot, line_number);
        return 0;
    }
    write_priced(k, r, ls, le, age, entry, current);
    r->rows_out++;
    r->after_all += entry->ore;
    if (current >= 0) {
        r->with_current++;
        r->before += current;
        r->after += entry->ore;
        if (current > 0) r->bands[band_of(change_hundredths(entry->ore, current))]++;
    }
    if (age > 0 && age == k->lows[at]) r->moved++;
    add_figures(r->by_age + (Py_ssize_t)age * N_FIGURES, current, entry->ore);
    add_figures(r->by_tuple + (Py_ssize_t)tuple * N_FIGURES, current, entry->ore);
    return 0;
}

/* The sweep (see run_block): what the next `limit` records from `p` on (every one when
 * `limit` < 0) need that the tables lack: their tuples, and the groups of those whose tuple
 * is known. 0, or -1: a record for polars. */
#define SWEEP_RECORDS 4096
static int sweep(Kernel *k, Run *r, const unsigned char *p, const unsigned char *end,
                 int64_t limit) {
    for (int64_t n = 0; p < end && n != limit && !r->out_of_memory; n++) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *ls = p, *le = nl ? nl : end;
        p = nl ? nl + 1 : end;
        if (le > ls && le[-1] == '\r') le--;
        int n_fields;
        int32_t tuple;
        switch (read_record(k, r, &ls, &le, &n_fields, &tuple)) {
        case READ_POLARS:
            return -1;
        case READ_FAILED:
            r->out_of_memory = 1;
            break;
        case READ_UNKNOWN:
        case READ_TUPLE: {
            /* a new tuple, and the group its record would need (priced only if the tuple's
             * records can be priced at all) */
            if (tuple < 0) note_unknown(r, &r->unknown, r->key.data, r->key.len, r->key_hash);
            int version;
            int32_t renewal = renewal_of(k, r, &version);
            if (version >= 0 && (tuple < 0 || !never_priced(k, k->flags[tuple]))) {
                GroupKey g = {tuple, version, renewal / 10000};
                if (tuple < 0 || find_group(&k->groups, g) < 0)
                    note_unknown_group(r, version, g.year);
            }
            break;
        }
        }
    }
    return 0;
}

/* The records of a block, in order. A record whose tuple or group the tables lack starts
 * a sweep: the next few thousand records are read only for what the tables lack, all of
 * which goes to Python at once (one hand-over of the GIL, not one per tuple: many at a
 * book's start, a few later); then the block goes on from that record (a record whose
 * tuple was new may start one more sweep, for its group). */
static int run_failed(const Run *r) {
    return r->out.failed || r->rejects.failed || r->line.failed || r->key.failed ||
           r->group_key.failed || r->out_of_memory;
}

static void run_block(Kernel *k, Run *r, const unsigned char *p, const unsigned char *end,
                      int64_t first_line) {
    int64_t line_number = first_line;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *le = nl ? nl : end;
        const unsigned char *ls = p;
        const unsigned char *next = nl ? nl + 1 : end;
        if (le > ls && le[-1] == '\r') le--;
        int done = one_record(k, r, ls, le, line_number);
        if (done < 0 || (done == 1 && sweep(k, r, next, end, SWEEP_RECORDS) < 0)) {
            r->result = RESULT_FALLBACK;
            return;
        }
        if (r->result == RESULT_ERROR || run_failed(r)) return;
        if (done == 1) {
            if (call_python(k, r) < 0 || r->out_of_memory) return;
            continue; /* the same record again */
        }
        p = next;
        line_number++;
    }
}

static void run_free(Kernel *k, Run *r) {
    Buf *buffers[4] = {&r->out, &r->rejects, &r->line, &r->key};
    for (int i = 0; i < 4; i++) {
        if (buffers[i]->failed) {
            buf_free(buffers[i]);
        } else {
            buffers[i]->len = 0;
        }
        k->kept[i] = *buffers[i];
    }
    free(r->fields);
    free(r->by_age);
    free(r->by_tuple);
    free(r->slot_counts);
    buf_free(&r->group_key);
    keyset_free(&r->unknown);
    keyset_free(&r->unknown_groups);
}

/* A run's state set up, the kernel's kept buffers taken (run_free gives them back); 0 when
 * out of memory (run_free still frees what was had). */
static int run_start(Kernel *k, Run *r, const Py_buffer *block) {
    memset(r, 0, sizeof(*r));
    r->first_reject = -1;
    r->block_end = (const unsigned char *)block->buf + block->len;
    r->out = k->kept[0];
    r->rejects = k->kept[1];
    r->line = k->kept[2];
    r->key = k->kept[3];
    memset(k->kept, 0, sizeof(k->kept));
    r->fields = malloc(sizeof(Span) * (size_t)(k->width + 1));
    r->by_age = calloc((size_t)(k->max_age + 1) * N_FIGURES, sizeof(int64_t));
    return r->fields && r->by_age && keyset_init(&r->unknown) &&
           keyset_init(&r->unknown_groups) &&
           grow_counts(&r->by_tuple, &r->by_tuple_n, N_FIGURES, k->tuples.count + 1) &&
           grow_counts(&r->slot_counts, &r->slot_counts_n, 1, k->n_slots + 1);
}

/* The block of a run or a look ahead, the kernel ready and idle; 0 with the error set. */
static int block_of(Kernel *k, PyObject *arg, Py_buffer *block) {
    if (!k->ready) {
        PyErr_SetString(PyExc_RuntimeError, "kernel not set up");
        return 0;
    }
    if (PyObject_GetBuffer(arg, block, PyBUF_SIMPLE) < 0) return 0;
    if (k->active) {
        PyBuffer_Release(block);
        PyErr_SetString(PyExc_RuntimeError, "a kernel runs one block at a time");
        return 0;
    }
    return 1;
}

static PyObject *figures_list(const int64_t *figures, Py_ssize_t n) {
    PyObject *list = PyList_New(0);
    if (!list) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int64_t *f = figures + i * N_FIGURES;
        if (!f[0]) continue;
        PyObject *item = Py_BuildValue("(nLLLLL)", i, f[0], f[1], f[2], f[3], f[4]);
        if (!item || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(item);
    }
    return list;
}

static PyObject *done_result(Kernel *k, Run *r) {
    PyObject *by_age = figures_list(r->by_age, k->max_age + 1);
    PyObject *by_tuple = figures_list(r->by_tuple, r->by_tuple_n);
    PyObject *slots = PyList_New(0);
    if (!by_age || !by_tuple || !slots) goto fail;
    for (Py_ssize_t i = 0; i < r->slot_counts_n; i++) {
        if (!r->slot_counts[i]) continue;
        PyObject *item = Py_BuildValue("(nL)", i, r->slot_counts[i]);
        if (!item || PyList_Append(slots, item) < 0) {
            Py_XDECREF(item);
            goto fail;
        }
        Py_DECREF(item);
    }
    return Py_BuildValue(
        "(iy#y#{sLsLsLsLsLsLsLsNsNsNsNsi})", RESULT_DONE, r->out.data ? r->out.data : "",
        r->out.len, r->rejects.data ? r->rejects.data : "", r->rejects.len, "records",
        r->records, "rows_out", r->rows_out, "before", r->before, "after", r->after,
        "after_all", r->after_all, "with_current", r->with_current, "moved", r->moved, "bands",
        Py_BuildValue("(LLLLLL)", r->bands[0], r->bands[1], r->bands[2], r->bands[3],
                      r->bands[4], r->bands[5]),
        "by_age", by_age, "by_tuple", by_tuple, "slots", slots, "first_reject",
        (int)r->first_reject);
fail:
    Py_XDECREF(by_age);
    Py_XDECREF(by_tuple);
    Py_XDECREF(slots);
    return NULL;
}

/* run(block, first_line, on_missing) -> (DONE, out, rejects, figures) | (FALLBACK,)
 * on_missing(keys, groups) must add the tuples (add_tuple), then the groups, given as
 * (tuple key, version, year), with every bracket's price (add_group, add_price), except
 * groups of tuples flagged as never priced; the run waits for it. */
static PyObject *Kernel_run(Kernel *k, PyObject *args) {
    PyObject *data, *on_missing;
    long long first_line;
    Py_buffer block;
    if (!PyArg_ParseTuple(args, "OLO", &data, &first_line, &on_missing)) return NULL;
    if (!PyCallable_Check(on_missing)) {
        PyErr_SetString(PyExc_TypeError, "on_missing must be callable");
        return NULL;
    }
    if (!block_of(k, data, &block)) return NULL;
    for (int i = 0; i < N_CHECKS; i++) {
        if (k->check_slots[i] < 0) {
            PyBuffer_Release(&block);
            PyErr_SetString(PyExc_RuntimeError, "kernel: set_checks first");
            return NULL;
        }
    }
    Run r;
    int ready = run_start(k, &r, &block);
    r.on_missing = on_missing;
    if (ready) {
        k->active = 1;
        const unsigned char *p = block.buf;
        r.saved = PyEval_SaveThread();
        run_block(k, &r, p, p + block.len, first_line);
        PyEval_RestoreThread(r.saved);
        k->active = 0;
    }
    PyBuffer_Release(&block);
    PyObject *result = NULL;
    if (r.result == RESULT_ERROR) {
        /* the callback's exception is set */
    } else if (!ready || run_failed(&r)) {
        PyErr_NoMemory();
    } else if (r.result == RESULT_FALLBACK) {
        result = Py_BuildValue("(i)", RESULT_FALLBACK);
    } else {
        result = done_result(k, &r);
    }
    run_free(k, &r);
    return result;
}

/* unknown(block) -> (keys, groups) | None: what the records of a whole block need that the
 * tables lack, found as run's sweeps find it (keys and groups as on_missing takes them),
 * or None when a record of the block is for polars. The tables are only read, without the
 * GIL: a driver can look ahead with a kernel of its own while others run. */
static PyObject *Kernel_unknown(Kernel *k, PyObject *arg) {
    Py_buffer block;
    if (!block_of(k, arg, &block)) return NULL;
    Run r;
    int ready = run_start(k, &r, &block);
    int found = 0;
    if (ready) {
        const unsigned char *p = block.buf;
        k->active = 1;
        Py_BEGIN_ALLOW_THREADS
        found = sweep(k, &r, p, p + block.len, -1);
        Py_END_ALLOW_THREADS
        k->active = 0;
    }
    PyBuffer_Release(&block);
    PyObject *result = NULL;
    if (!ready || run_failed(&r)) {
        PyErr_NoMemory();
    } else if (found < 0) {
        result = Py_NewRef(Py_None);
    } else {
        PyObject *keys = keys_list(&r.unknown);
        PyObject *groups = groups_list(&r.unknown_groups);
        if (keys && groups) result = PyTuple_Pack(2, keys, groups);
        Py_XDECREF(keys);
        Py_XDECREF(groups);
    }
    run_free(k, &r);
    return result;
}

static PyObject *Kernel_counts(Kernel *k, PyObject *Py_UNUSED(ignored)) {
    return Py_BuildValue("{snsnsnsn}", "tuples", k->tuples.count, "groups", k->groups.count,
                         "entries", k->n_entries, "slots", k->n_slots);
}

static PyMethodDef Kernel_methods[] = {
    {"add_slot", (PyCFunction)Kernel_add_slot, METH_O,
     "add_slot(cells) -> slot: the rendered reason and message cells of a rejects row"},
    {"set_encoding", (PyCFunction)Kernel_set_encoding, METH_O,
     "set_encoding(cp1252): None for UTF-8, else the 128 characters of bytes 0x80-0xFF"},
    {"set_checks", (PyCFunction)Kernel_set_checks, METH_O,
     "set_checks(slots): the slot of each of CHECKS, in that order"},
    {"add_tuple", (PyCFunction)Kernel_add_tuple, METH_VARARGS,
     "add_tuple(key, flags) -> tuple index"},
    {"add_group", (PyCFunction)Kernel_add_group, METH_VARARGS,
     "add_group(tuple, version, year) -> group index (then add_price each bracket)"},
    {"add_priced", (PyCFunction)Kernel_add_priced, METH_VARARGS,
     "add_priced(ore, mid, tail) -> entry: a key priced by the engine"},
    {"add_rejected", (PyCFunction)Kernel_add_rejected, METH_O,
     "add_rejected(slot) -> entry: a key the engine cannot price"},
    {"add_price", (PyCFunction)Kernel_add_price, METH_VARARGS,
     "add_price(group, position, entry): the entry of a group's bracket"},
    {"run", (PyCFunction)Kernel_run, METH_VARARGS,
     "run(block, first_line, on_missing) -> (DONE, out, rejects, figures) | "
     "(FALLBACK,)"},
    {"unknown", (PyCFunction)Kernel_unknown, METH_O,
     "unknown(block) -> (keys, groups) | None: what a block needs that the tables lack"},
    {"counts", (PyCFunction)Kernel_counts, METH_NOARGS, "sizes of the tables"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject KernelType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "quote.renewal._kernel.Kernel",
    .tp_doc = "A renewal kernel for one book and one run (see quote.renewal.kernel).",
    .tp_basicsize = sizeof(Kernel),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Kernel_init,
    .tp_dealloc = (destructor)Kernel_dealloc,
    .tp_methods = Kernel_methods,
};

/* ---- module-level helpers, for tests that hold the C readings to the polars ones ---- */

static PyObject *py_parse_iso_date(PyObject *self, PyObject *arg) {
    char *p;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(arg, &p, &n) < 0) return NULL;
    return PyLong_FromLong(parse_iso_date((const unsigned char *)p, (const unsigned char *)p + n));
}

static PyObject *py_parse_swedish_id(PyObject *self, PyObject *args) {
    const char *p;
    Py_ssize_t n;
    int on;
    if (!PyArg_ParseTuple(args, "y#i", &p, &n, &on)) return NULL;
    int32_t birth;
    if (parse_swedish_id((const unsigned char *)p, (const unsigned char *)p + n, on, &birth) < 0)
        Py_RETURN_NONE;
    return PyLong_FromLong(birth);
}

static PyObject *py_parse_current(PyObject *self, PyObject *arg) {
    char *p;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(arg, &p, &n) < 0) return NULL;
    int64_t ore;
    int bad = parse_current((const unsigned char *)p, (const unsigned char *)p + n, &ore);
    return Py_BuildValue("(LO)", (long long)ore, bad ? Py_True : Py_False);
}

static PyObject *py_excel_sv(PyObject *self, PyObject *args) {
    const char *p;
    Py_ssize_t n;
    int numeric;
    if (!PyArg_ParseTuple(args, "y#p", &p, &n, &numeric)) return NULL;
    Buf b = {0};
    put_sv(&b, (Span){(const unsigned char *)p, (const unsigned char *)p + n}, numeric);
    PyObject *result = b.failed ? PyErr_NoMemory()
                                : PyBytes_FromStringAndSize(b.data ? b.data : "", b.len);
    buf_free(&b);
    return result;
}

static PyObject *py_mask(PyObject *self, PyObject *arg) {
    char *p;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(arg, &p, &n) < 0) return NULL;
    Buf b = {0};
    put_masked(&b, (Span){(const unsigned char *)p, (const unsigned char *)p + n}, 0);
    PyObject *result = b.failed ? PyErr_NoMemory()
                                : PyBytes_FromStringAndSize(b.data ? b.data : "", b.len);
    buf_free(&b);
    return result;
}

/* scan(block) -> (newlines, has_quote): what Python needs to know of a block before a
 * kernel reads it, counted without the GIL. */
static PyObject *py_scan(PyObject *self, PyObject *arg) {
    Py_buffer block;
    if (PyObject_GetBuffer(arg, &block, PyBUF_SIMPLE) < 0) return NULL;
    Py_ssize_t newlines = 0;
    int quote;
    const char *p = block.buf, *end = p + block.len;
    Py_BEGIN_ALLOW_THREADS
    quote = memchr(p, '"', (size_t)block.len) != NULL;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) newlines++;
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&block);
    return Py_BuildValue("(nO)", newlines, quote ? Py_True : Py_False);
}

static PyMethodDef module_methods[] = {

    {"scan", py_scan, METH_O, "block -> (newlines, has_quote), without the GIL"},
    {"parse_iso_date", py_parse_iso_date, METH_O, "YYYY-MM-DD bytes -> YYYYMMDD or -1"},
    {"parse_swedish_id", py_parse_swedish_id, METH_VARARGS,
     "(bytes, on YYYYMMDD) -> birth YYYYMMDD, -1 (not a number) or None (polars' call)"},
    {"parse_current", py_parse_current, METH_O, "bytes -> (öre or -1, bad)"},
    {"excel_sv", py_excel_sv, METH_VARARGS, "(bytes, numeric) -> the Swedish-Excel cell"},
    {"mask", py_mask, METH_O, "an identity number's bytes -> masked"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef kernel_module = {
    PyModuleDef_HEAD_INIT, "quote.renewal._kernel",
    "The renewal kernel: plain CSV records repriced in C (see quote.renewal.kernel).", -1,
    module_methods};

PyMODINIT_FUNC PyInit__kernel(void) {
    if (PyType_Ready(&KernelType) < 0) return NULL;
    PyObject *m = PyModule_Create(&kernel_module);
    if (!m) return NULL;
    Py_INCREF(&KernelType);
    if (PyModule_AddObject(m, "Kernel", (PyObject *)&KernelType) < 0) {
        Py_DECREF(&KernelType);
        Py_DECREF(m);
        return NULL;
    }
    PyObject *checks = PyTuple_New(N_CHECKS);
    if (!checks) {
        Py_DECREF(m);
        return NULL;
    }
    for (int i = 0; i < N_CHECKS; i++) {
        PyObject *id = PyUnicode_FromString(CHECK_IDS[i]);
        if (!id) {
            Py_DECREF(checks);
            Py_DECREF(m);
            return NULL;
        }
        PyTuple_SET_ITEM(checks, i, id);
    }
    if (PyModule_AddObject(m, "CHECKS", checks) < 0) {
        Py_DECREF(checks);
        Py_DECREF(m);
        return NULL;
    }
    if (PyModule_AddIntConstant(m, "DONE", RESULT_DONE) < 0 ||
        PyModule_AddIntConstant(m, "FALLBACK", RESULT_FALLBACK) < 0 ||
        PyModule_AddIntConstant(m, "FLAG_SEPARATOR", FLAG_SEPARATOR) < 0 ||
        PyModule_AddIntConstant(m, "FLAG_COUNTRY_BAD", FLAG_COUNTRY_BAD) < 0 ||
        PyModule_AddIntConstant(m, "FLAG_FALLBACK", FLAG_FALLBACK) < 0 ||
        PyModule_AddIntConstant(m, "CURRENT_MAX_KRONOR", CURRENT_MAX_KRONOR) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
