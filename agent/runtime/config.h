/*
 * config.h: reading the values of the agent's settings.
 */

#ifndef VIRTMIBD_CONFIG_H
#define VIRTMIBD_CONFIG_H

int config_parse_number(const char *str, long min, long max, int *out);
int config_parse_bool(const char *str, int *out);

#endif /* VIRTMIBD_CONFIG_H */
