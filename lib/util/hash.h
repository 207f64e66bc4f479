/*
 * hash.h: a small hash table with byte-string keys, for O(1) lookups of
 * domains by name, uuid and id.  Keys are copied; values are borrowed.
 */

#ifndef VIR_HASH_H
#define VIR_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* FNV-1a, 32 bits, of @len bytes at @data, going on from @hash. */
#define VIR_HASH_FNV_INIT 2166136261U
uint32_t virHashFNV1a(uint32_t hash, const void *data, size_t len);

typedef struct _virHashTable virHashTable;
typedef virHashTable *virHashTablePtr;

virHashTablePtr virHashCreate(size_t size_hint);
void virHashFree(virHashTablePtr table);
/* 0 on success, -1 on allocation failure or when @key is present. */
int virHashAdd(virHashTablePtr table, const void *key, size_t keylen,
               void *value);
void *virHashLookup(virHashTablePtr table, const void *key, size_t keylen);
/* Returns the removed value, or NULL when @key is absent. */
void *virHashRemove(virHashTablePtr table, const void *key, size_t keylen);
size_t virHashSize(virHashTablePtr table);

/* Convenience for NUL-terminated string keys. */
#define virHashAddStr(t, k, v) virHashAdd((t), (k), strlen(k), (v))
#define virHashLookupStr(t, k) virHashLookup((t), (k), strlen(k))
#define virHashRemoveStr(t, k) virHashRemove((t), (k), strlen(k))

#endif /* VIR_HASH_H */
