/*
 * index_map.h: the parts of the UUID-to-index map that only the snapshot
 * code and the unit tests use (see snapshot.h for the rest).
 */

#ifndef VIRTMIBD_INDEX_MAP_H
#define VIRTMIBD_INDEX_MAP_H

#include "model/snapshot.h"

int snap_uuid_parse(const char *str, unsigned char *uuid);
void snap_uuid_format(const unsigned char *uuid, char *buf);
unsigned int index_map_assign(struct index_map *map, const unsigned char *uuid,
                              enum snap_persistence *persistent);
void index_map_set_persistence(struct index_map *map, const unsigned char *uuid,
                               enum snap_persistence p);
int index_map_primed(const struct index_map *map);
void index_map_set_primed(struct index_map *map);

#endif /* VIRTMIBD_INDEX_MAP_H */
