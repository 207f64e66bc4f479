/*
 * libvirt_domain.c: the public entry points of libvir for domains:
 * creating and looking them up, their life cycle, information, memory,
 * XML, definitions, virtual CPUs and devices.  Each follows the skeleton
 * of dispatch.h.
 */

#include <config.h>

#include <string.h>

#include "domain_event.h"
#include "internal.h"
#include "dispatch.h"

/* ------------------------------------------------------------ handles */

/**
 * virDomainCreateLinux:
 * @conn: pointer to the hypervisor connection
 * @xmlDesc: the domain XML, as virDomainGetXMLDesc() gives it
 * @flags: VIR_DOMAIN_NONE (other values are refused)
 *
 * Starts a new transient domain from @xmlDesc.
 *
 * Returns a new domain handle (caller frees with virDomainFree), or NULL
 * in case of error.
 */
virDomainPtr
virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                     unsigned int flags)
{
    unsigned long serial;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, xmlDesc != NULL, __func__,
                     "xmlDesc is NULL") ||
        !virCheckArg(conn, NULL, flags == 0, __func__, "unknown flags") ||
        !virCheckSupported(conn, NULL, conn->driver->domainCreateLinux,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    return virConnectGotDomain(
        conn, conn->driver->domainCreateLinux(conn, xmlDesc, flags), serial,
        true, __func__);
}

/**
 * virDomainLookupByID:
 * @conn: pointer to the hypervisor connection
 * @id: the hypervisor id of an active domain
 *
 * Returns a new domain handle (caller frees), or NULL in case of error
 * (VIR_ERR_NO_DOMAIN when no active domain has @id).
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    unsigned long serial;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, id >= 0, __func__, "id is negative") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByID,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    return virConnectGotDomain(conn, conn->driver->domainLookupByID(conn, id),
                               serial, false, __func__);
}

/**
 * virDomainLookupByUUID:
 * @conn: pointer to the hypervisor connection
 * @uuid: the 16 raw bytes of the domain's uuid
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    unsigned long serial;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, uuid != NULL, __func__, "uuid is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByUUID,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    return virConnectGotDomain(conn,
                               conn->driver->domainLookupByUUID(conn, uuid),
                               serial, false, __func__);
}

/**
 * virDomainLookupByUUIDString:
 * @conn: pointer to the hypervisor connection
 * @uuidstr: the uuid as text (with or without dashes)
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, uuidstr != NULL, __func__, "uuidstr is NULL"))
        return NULL;
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportError(conn, NULL, VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                       "%s: '%s' is not a valid uuid", __func__, uuidstr);
        return NULL;
    }
    return virDomainLookupByUUID(conn, uuid);
}

/**
 * virDomainLookupByName:
 * @conn: pointer to the hypervisor connection
 * @name: the domain's name
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    unsigned long serial;

    if (!virConnectBegin(conn, false, __func__) ||
        !virCheckArg(conn, NULL, name != NULL, __func__, "name is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainLookupByName,
                           __func__))
        return NULL;
    serial = virErrorSerial();
    return virConnectGotDomain(conn,
                               conn->driver->domainLookupByName(conn, name),
                               serial, false, __func__);
}

/**
 * virDomainFree:
 * @domain: a domain handle
 *
 * Frees the handle; the domain itself keeps running.
 *
 * Returns 0, or -1 when @domain is not a live handle.
 */
int
virDomainFree(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return -1;
    virDomainRelease(domain);
    return 0;
}

/* ---------------------------------------------------------- lifecycle */

/**
 * virDomainSuspend:
 * @domain: a domain handle
 *
 * Pauses a running domain; its memory stays allocated.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainChange(domain, domain->conn->driver->domainSuspend,
                           __func__);
}

/**
 * virDomainResume:
 * @domain: a domain handle
 *
 * Resumes a paused domain.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainResume(virDomainPtr domain)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainChange(domain, domain->conn->driver->domainResume,
                           __func__);
}

/**
 * virDomainShutdown:
 * @domain: a domain handle
 *
 * Asks the domain's OS to shut down.  The handle stays usable.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainChange(domain, domain->conn->driver->domainShutdown,
                           __func__);
}

/**
 * virDomainReboot:
 * @domain: a domain handle
 * @flags: 0 (other values are refused)
 *
 * Asks the domain's OS to reboot.  The handle stays usable.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckArg(domain, flags == 0, __func__, "unknown flags") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainReboot,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainReboot(domain, flags) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainDestroy:
 * @domain: a domain handle
 *
 * Stops the domain at once and gives its resources back.  A persistent
 * domain stays defined; a transient one is gone.  On success @domain is
 * freed and must not be used again.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainDestroy,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainDestroy(domain) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainRelease(domain);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainSave:
 * @domain: a domain handle
 * @to: path of the file to write
 *
 * Saves the domain's state to @to and stops it.  On failure the domain is
 * left as it was.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSave(virDomainPtr domain, const char *to)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckArg(domain, to != NULL && *to, __func__,
                           "no file name") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainSave,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSave(domain, to) < 0)
        return virDomainFailed(domain, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainRestore:
 * @conn: pointer to the hypervisor connection
 * @from: a file written by virDomainSave()
 *
 * Brings a saved domain back, running.  A damaged file is refused and
 * creates nothing.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainRestore(virConnectPtr conn, const char *from)
{
    unsigned long serial;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, from != NULL && *from, __func__,
                     "no file name") ||
        !virCheckSupported(conn, NULL, conn->driver->domainRestore, __func__))
        return -1;
    serial = virErrorSerial();
    if (conn->driver->domainRestore(conn, from) < 0)
        return virConnectFailed(conn, serial, __func__);
    virDomainEventFlush();
    return 0;
}

/**
 * virDomainCoreDump:
 * @domain: a domain handle
 * @to: path of the core file to write
 * @flags: 0 (other values are refused)
 *
 * Writes the domain's core to @to; the domain keeps its state.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainCoreDump(virDomainPtr domain, const char *to, int flags)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckArg(domain, to != NULL && *to, __func__,
                           "no file name") ||
        !virDomainCheckArg(domain, flags == 0, __func__, "unknown flags") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainCoreDump,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainCoreDump(domain, to, flags) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/* -------------------------------------------------------- information */

/**
 * virDomainGetInfo:
 * @domain: a domain handle
 * @info: a caller-allocated virDomainInfo (OUT)
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    unsigned long serial;

    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckArg(domain, info != NULL, __func__, "info is NULL") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainGetInfo,
                                 __func__))
        return -1;
    memset(info, 0, sizeof(*info));
    serial = virErrorSerial();
    if (domain->conn->driver->domainGetInfo(domain, info) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetName:
 * @domain: a domain handle
 *
 * Returns the domain's name (borrowed: lives as long as @domain), or NULL
 * in case of error.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return NULL;
    return domain->name;
}

/**
 * virDomainGetID:
 * @domain: a domain handle
 *
 * Returns the domain's hypervisor id, or (unsigned int)-1 when the domain
 * is inactive or in case of error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    unsigned long serial;
    unsigned int id;

    if (!virDomainBegin(domain, false, __func__))
        return (unsigned int)-1;
    if (!domain->conn->driver->domainGetID)
        return (unsigned int)domain->id;
    serial = virErrorSerial();
    if (domain->conn->driver->domainGetID(domain, &id) < 0) {
        virDomainFailed(domain, serial, __func__);
        return (unsigned int)-1;
    }
    return id;
}

/**
 * virDomainGetUUID:
 * @domain: a domain handle
 * @uuid: a caller-allocated array of VIR_UUID_BUFLEN (16) bytes (OUT)
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckArg(domain, uuid != NULL, __func__, "uuid is NULL"))
        return -1;
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

/**
 * virDomainGetUUIDString:
 * @domain: a domain handle
 * @buf: a caller-allocated array of 37 bytes (OUT)
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckArg(domain, buf != NULL, __func__, "buf is NULL"))
        return -1;
    virUUIDFormat(domain->uuid, buf);
    return 0;
}

/**
 * virDomainGetOSType:
 * @domain: a domain handle
 *
 * Returns the OS type ("linux", "hvm"), caller-frees, or NULL in case of
 * error.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    unsigned long serial;
    char *type;

    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainGetOSType,
                                 __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(type = domain->conn->driver->domainGetOSType(domain)))
        virDomainFailed(domain, serial, __func__);
    return type;
}

/**
 * virDomainGetMaxMemory:
 * @domain: a domain handle
 *
 * A NULL @domain is an error here: the classic "NULL means Domain-0"
 * needs a connection, so look Domain-0 up by id 0 instead.
 *
 * Returns the maximum memory in KiB, or 0 in case of error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    unsigned long serial;
    unsigned long mem;

    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckSupported(
            domain, domain->conn->driver->domainGetMaxMemory, __func__))
        return 0;
    serial = virErrorSerial();
    if ((mem = domain->conn->driver->domainGetMaxMemory(domain)) == 0)
        virDomainFailed(domain, serial, __func__);
    return mem;
}

/**
 * virDomainSetMaxMemory:
 * @domain: a domain handle
 * @memory: the new maximum in KiB, > 0
 *
 * A maximum below the current memory lowers the current memory too.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainSetKiB(domain, domain->conn->driver->domainSetMaxMemory,
                           memory, __func__);
}

/**
 * virDomainSetMemory:
 * @domain: a domain handle
 * @memory: the new target in KiB, 0 < @memory <= the maximum
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainSetKiB(domain, domain->conn->driver->domainSetMemory,
                           memory, __func__);
}

/**
 * virDomainGetXMLDesc:
 * @domain: a domain handle
 * @flags: 0 (other values are refused)
 *
 * Returns the domain XML, caller-frees, which virDomainCreateLinux() and
 * virDomainDefineXML() accept; NULL in case of error.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, int flags)
{
    unsigned long serial;
    char *xml;

    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckArg(domain, flags == 0, __func__, "unknown flags") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainGetXMLDesc,
                                 __func__))
        return NULL;
    serial = virErrorSerial();
    if (!(xml = domain->conn->driver->domainGetXMLDesc(domain, flags)))
        virDomainFailed(domain, serial, __func__);
    return xml;
}

/* ---------------------------------------------------- defined domains */

/**
 * virDomainDefineXML:
 * @conn: pointer to the hypervisor connection
 * @xml: the domain XML
 *
 * Defines a persistent domain without starting it, or redefines the
 * inactive domain of the same name and uuid.
 *
 * Returns a new domain handle (caller frees), or NULL in case of error.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    unsigned long serial;

    if (!virConnectBegin(conn, true, __func__) ||
        !virCheckArg(conn, NULL, xml != NULL, __func__, "xml is NULL") ||
        !virCheckSupported(conn, NULL, conn->driver->domainDefineXML, __func__))
        return NULL;
    serial = virErrorSerial();
    return virConnectGotDomain(conn, conn->driver->domainDefineXML(conn, xml),
                               serial, true, __func__);
}

/**
 * virDomainUndefine:
 * @domain: a defined domain
 *
 * Removes the definition.  A running domain keeps running, as a transient
 * domain.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainChange(domain, domain->conn->driver->domainUndefine,
                           __func__);
}

/**
 * virDomainCreate:
 * @domain: a defined, inactive domain
 *
 * Starts the domain: it moves from the defined to the active domains.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainChange(domain, domain->conn->driver->domainCreate,
                           __func__);
}

/* ------------------------------------------------------ virtual CPUs */

/**
 * virDomainSetVcpus:
 * @domain: a domain handle
 * @nvcpus: the new number of virtual CPUs, > 0
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckArg(domain, nvcpus > 0, __func__,
                           "nvcpus must be greater than 0") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainSetVcpus,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainSetVcpus(domain, nvcpus) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetMaxVcpus:
 * @domain: a domain handle
 *
 * Returns the most virtual CPUs virDomainSetVcpus() may give @domain, or
 * -1 in case of failure.
 */
int
virDomainGetMaxVcpus(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return -1;
    return virDomainCount(domain, domain->conn->driver->domainGetMaxVcpus,
                          __func__);
}

/**
 * virDomainPinVcpu:
 * @domain: a domain handle
 * @vcpu: the virtual CPU number
 * @cpumap: the real CPUs @vcpu may use (IN), one bit per CPU, CPU 0 the
 *          least significant bit of byte 0
 * @maplen: bytes in @cpumap, from 1 to the host's cpumap size; missing
 *          bytes count as zero
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                 int maplen)
{
    unsigned long serial;

    if (!virDomainBegin(domain, true, __func__) ||
        !virDomainCheckArg(domain, cpumap != NULL, __func__,
                           "cpumap is NULL") ||
        !virDomainCheckArg(domain, maplen >= 1, __func__,
                           "maplen must be at least 1") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainPinVcpu,
                                 __func__))
        return -1;
    serial = virErrorSerial();
    if (domain->conn->driver->domainPinVcpu(domain, vcpu, cpumap, maplen) < 0)
        return virDomainFailed(domain, serial, __func__);
    return 0;
}

/**
 * virDomainGetVcpus:
 * @domain: a domain handle
 * @info: a caller-allocated array of @maxinfo virVcpuInfo (OUT)
 * @maxinfo: capacity of @info, >= 1
 * @cpumaps: NULL, or a caller-allocated array of @maxinfo * @maplen bytes
 *           that receives each vcpu's cpumap (OUT)
 * @maplen: bytes in one cpumap, >= 1 when @cpumaps is given; a longer map
 *          than the host needs is zero-filled, a shorter one truncated
 *
 * Returns the number of entries filled, or -1 in case of failure.
 */
int
virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    unsigned long serial;
    int n;

    if (!virDomainBegin(domain, false, __func__) ||
        !virDomainCheckArg(domain, info != NULL, __func__, "info is NULL") ||
        !virDomainCheckArg(domain, maxinfo >= 1, __func__,
                           "maxinfo must be at least 1") ||
        !virDomainCheckArg(domain, !cpumaps || maplen >= 1, __func__,
                           "maplen must be at least 1") ||
        !virCheckArg(domain->conn, domain,
                     !cpumaps || maxinfo <= (int)(2147483647 / maplen),
                     __func__, "maxinfo * maplen overflows") ||
        !virDomainCheckSupported(domain, domain->conn->driver->domainGetVcpus,
                                 __func__))
        return -1;
    memset(info, 0, sizeof(*info) * (size_t)maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
    serial = virErrorSerial();
    n = domain->conn->driver->domainGetVcpus(domain, info, maxinfo, cpumaps,
                                             maplen);
    if (n < 0)
        return virDomainFailed(domain, serial, __func__);
    return n;
}

/* ----------------------------------------------------------- devices */

/**
 * virDomainAttachDevice:
 * @domain: a domain handle
 * @xml: the XML of one device (<disk> or <interface>)
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainAttachDevice(virDomainPtr domain, char *xml)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainDevice(domain, domain->conn->driver->domainAttachDevice,
                           xml, __func__);
}

/**
 * virDomainDetachDevice:
 * @domain: a domain handle
 * @xml: the XML of one attached device (<disk> or <interface>)
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainDetachDevice(virDomainPtr domain, char *xml)
{
    if (!virDomainBegin(domain, true, __func__))
        return -1;
    return virDomainDevice(domain, domain->conn->driver->domainDetachDevice,
                           xml, __func__);
}

/* -------------------------------------------------------- extensions */

/**
 * virDomainIsPersistent:
 * @domain: a domain handle
 *
 * An extension with later libvirt's name and signature: whether the
 * domain has a persistent definition, so that it stays defined when it
 * stops.
 *
 * Returns 1 if persistent, 0 if transient, -1 in case of error.
 */
int
virDomainIsPersistent(virDomainPtr domain)
{
    if (!virDomainBegin(domain, false, __func__))
        return -1;
    return virDomainCount(domain, domain->conn->driver->domainIsPersistent,
                          __func__);
}
