/*
 * refresh.h: reading the host again into the snapshot, all of it or the
 * domains marked dirty.
 */

#ifndef VIRTMIBD_REFRESH_H
#define VIRTMIBD_REFRESH_H

void agent_refresh(void);
int refresh_mark_domain(const unsigned char *uuid);
int refresh_wanted(void);
void refresh_run(void);

#endif /* VIRTMIBD_REFRESH_H */
