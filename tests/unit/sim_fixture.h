/*
 * sim_fixture.h: what the test driver's suites (check_sim_driver.c,
 * check_sim_node.c, check_sim_image.c) share: the checked fixture on
 * test:///default with a scratch directory, the error expectations, and
 * the snapshot that proves a failed call changed nothing.
 */

#ifndef SIM_FIXTURE_H
#define SIM_FIXTURE_H

#include <check.h>

#include <libvirt/libvirt.h>

#define HOST_MAPLEN 2 /* VIR_CPU_MAPLEN(16) */

/* What a failed call must leave unchanged. */
typedef struct {
    virDomainInfo info;
    unsigned int id;
    char *xml;
} snap;

/* The fixture's connection to test:///default (NULL once a test closed it). */
extern virConnectPtr conn;

void setup(void);
void teardown(void);
void expect_error(int code);
void expect_error_msg(int code, const char *needle);
virDomainPtr get(const char *name);
void snap_take(virDomainPtr dom, snap *s);
void snap_same(virDomainPtr dom, snap *s);
char *xml_rename(const char *xml, const char *from, const char *to);
char *tmp_path(const char *name);
char *write_cpu_node(const char *name, int cpus, int active);
virConnectPtr open_node(const char *path);
int sim_fixture_run(Suite *s);

#endif /* SIM_FIXTURE_H */
