/*
 * state_file.h: writing the index state file.
 */

#ifndef VIRTMIBD_STATE_FILE_H
#define VIRTMIBD_STATE_FILE_H

void agent_save_state(void);

#endif /* VIRTMIBD_STATE_FILE_H */
