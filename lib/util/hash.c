/*
 * hash.c: a chained hash table with byte-string keys.
 *
 * Buckets are a power of two and double when the table holds more entries
 * than buckets, so lookups stay O(1) at 10,000 domains and beyond.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

typedef struct _virHashEntry virHashEntry;
struct _virHashEntry {
    virHashEntry *next;
    uint32_t hash;
    void *value;
    size_t keylen;
    unsigned char key[]; /* keylen bytes, copied */
};

struct _virHashTable {
    virHashEntry **buckets;
    size_t nbuckets; /* a power of two */
    size_t count;
};

/* Table */
static int virHashGrow(virHashTablePtr table);
static virHashEntry **virHashFindSlot(virHashTablePtr table, const void *key,
                                      size_t keylen, uint32_t hash);

/*
 * FNV-1a, 32 bits, of @len bytes at @data, going on from @hash
 * (VIR_HASH_FNV_INIT to begin): short keys, no adversary worth a keyed
 * hash here, and the checksum of the test driver's images.
 */
uint32_t
virHashFNV1a(uint32_t hash, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < len; i++) {
        hash ^= p[i];
        hash *= 16777619U;
    }
    return hash;
}

virHashTablePtr
virHashCreate(size_t size_hint)
{
    virHashTablePtr table;
    size_t n = 16;

    while (n < size_hint && n < ((size_t)1 << 30))
        n <<= 1;
    if (!(table = calloc(1, sizeof(*table))))
        return NULL;
    if (!(table->buckets = calloc(n, sizeof(*table->buckets)))) {
        free(table);
        return NULL;
    }
    table->nbuckets = n;
    return table;
}

void
virHashFree(virHashTablePtr table)
{
    size_t i;
    virHashEntry *e, *next;

    if (!table)
        return;
    for (i = 0; i < table->nbuckets; i++) {
        for (e = table->buckets[i]; e; e = next) {
            next = e->next;
            free(e);
        }
    }
    free(table->buckets);
    free(table);
}

static int
virHashGrow(virHashTablePtr table)
{
    size_t n = table->nbuckets * 2;
    size_t i;
    virHashEntry **buckets;
    virHashEntry *e, *next;

    if (n < table->nbuckets || n > SIZE_MAX / sizeof(*buckets))
        return -1;
    if (!(buckets = calloc(n, sizeof(*buckets))))
        return -1;
    for (i = 0; i < table->nbuckets; i++) {
        for (e = table->buckets[i]; e; e = next) {
            next = e->next;
            e->next = buckets[e->hash & (n - 1)];
            buckets[e->hash & (n - 1)] = e;
        }
    }
    free(table->buckets);
    table->buckets = buckets;
    table->nbuckets = n;
    return 0;
}

/* The link pointing at @key's entry, or at the NULL ending its chain. */
static virHashEntry **
virHashFindSlot(virHashTablePtr table, const void *key, size_t keylen,
                uint32_t hash)
{
    virHashEntry **slot = &table->buckets[hash & (table->nbuckets - 1)];

    for (; *slot; slot = &(*slot)->next) {
        if ((*slot)->hash == hash && (*slot)->keylen == keylen &&
            memcmp((*slot)->key, key, keylen) == 0)
            break;
    }
    return slot;
}

int
virHashAdd(virHashTablePtr table, const void *key, size_t keylen, void *value)
{
    uint32_t hash;
    virHashEntry **slot;
    virHashEntry *e;

    if (!table || (!key && keylen))
        return -1;
    if (table->count >= table->nbuckets)
        virHashGrow(table); /* a failed grow only makes chains longer */
    hash = virHashFNV1a(VIR_HASH_FNV_INIT, key, keylen);
    slot = virHashFindSlot(table, key, keylen, hash);
    if (*slot)
        return -1;
    if (keylen > SIZE_MAX - sizeof(*e))
        return -1;
    if (!(e = malloc(sizeof(*e) + keylen)))
        return -1;
    e->next = NULL;
    e->hash = hash;
    e->value = value;
    e->keylen = keylen;
    if (keylen)
        memcpy(e->key, key, keylen);
    *slot = e;
    table->count++;
    return 0;
}

void *
virHashLookup(virHashTablePtr table, const void *key, size_t keylen)
{
    virHashEntry **slot;

    if (!table || (!key && keylen))
        return NULL;
    slot = virHashFindSlot(table, key, keylen,
                           virHashFNV1a(VIR_HASH_FNV_INIT, key, keylen));
    return *slot ? (*slot)->value : NULL;
}

void *
virHashRemove(virHashTablePtr table, const void *key, size_t keylen)
{
    virHashEntry **slot;
    virHashEntry *e;
    void *value;

    if (!table || (!key && keylen))
        return NULL;
    slot = virHashFindSlot(table, key, keylen,
                           virHashFNV1a(VIR_HASH_FNV_INIT, key, keylen));
    if (!(e = *slot))
        return NULL;
    *slot = e->next;
    value = e->value;
    free(e);
    table->count--;
    return value;
}

size_t
virHashSize(virHashTablePtr table)
{
    return table ? table->count : 0;
}
