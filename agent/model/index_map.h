/*
 * index_map.h: the UUID-to-index map that keeps domain indexes stable
 * across restarts, kept in a state file, and the UUID text form.
 */

#ifndef VIRTMIBD_INDEX_MAP_H
#define VIRTMIBD_INDEX_MAP_H

#include <stddef.h>

#include "model/snapshot.h"

/* Entries of domains not seen for this long are dropped at load. */
#define INDEX_MAP_PRUNE_DAYS 90

struct index_map *index_map_open(const char *path);
const char *index_map_open_error(void);
void index_map_free(struct index_map *map);
int index_map_save(struct index_map *map);
const char *index_map_save_error(const struct index_map *map);
const char *index_map_path(const struct index_map *map);
unsigned int index_map_lookup(const struct index_map *map,
                              const unsigned char *uuid);
int index_map_saved(const struct index_map *map, const unsigned char *uuid);
size_t index_map_unsaved(const struct index_map *map);
size_t index_map_pruned(const struct index_map *map);

unsigned int index_map_assign(struct index_map *map, const unsigned char *uuid,
                              enum snap_persistence *persistent);
void index_map_set_persistence(struct index_map *map, const unsigned char *uuid,
                               enum snap_persistence p);
int index_map_primed(const struct index_map *map);
void index_map_set_primed(struct index_map *map);

#endif /* VIRTMIBD_INDEX_MAP_H */
