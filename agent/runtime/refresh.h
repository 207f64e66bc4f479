/*
 * refresh.h: reading the host again into the snapshot, all of it or the
 * domains marked dirty.
 */

#ifndef VIRTMIBD_REFRESH_H
#define VIRTMIBD_REFRESH_H

struct snapshot;
struct snap_domain;

/* Where the changes a read finds go (the runtime's start passes the
 * notifications): refresh.c itself sends nothing. */
struct refresh_sink {
    /* the whole host was read: @old_snap before, @new_snap now */
    void (*rs_host)(const struct snapshot *old_snap,
                    const struct snapshot *new_snap);
    /* one domain was read again in place */
    void (*rs_domain)(const struct snap_domain *old_dom,
                      const struct snap_domain *new_dom);
    /* after each read, once all it found was told; or NULL */
    void (*rs_done)(void);
};

void refresh_init(const struct refresh_sink *sink);
void agent_refresh(void);
int refresh_mark_domain(const unsigned char *uuid);
int refresh_wanted(void);
void refresh_run(void);

#endif /* VIRTMIBD_REFRESH_H */
