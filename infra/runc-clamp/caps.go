package main

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// capabilityNames maps Linux capability numbers to the names OCI specs use (linux/capability.h, up to 5.9).
var capabilityNames = [...]string{
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
	"CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
	"CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
	"CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
	"CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
}

// capabilityNumber returns the number of a capability name ("CAP_SYS_ADMIN", case-insensitive, prefix optional).
func capabilityNumber(name string) (int, bool) {
	normalized := strings.ToUpper(strings.TrimSpace(name))
	if !strings.HasPrefix(normalized, "CAP_") {
		normalized = "CAP_" + normalized
	}
	for number, known := range capabilityNames {
		if known == normalized {
			return number, true
		}
	}
	return 0, false
}

// boundingSetFromStatus parses the CapBnd line of /proc/<pid>/status.
func boundingSetFromStatus(status string) (uint64, error) {
	scanner := bufio.NewScanner(strings.NewReader(status))
	for scanner.Scan() {
		line := scanner.Text()
		if !strings.HasPrefix(line, "CapBnd:") {
			continue
		}
		hex := strings.TrimSpace(strings.TrimPrefix(line, "CapBnd:"))
		mask, err := strconv.ParseUint(hex, 16, 64)
		if err != nil {
			return 0, fmt.Errorf("CapBnd %q is not a hex mask: %w", hex, err)
		}
		return mask, nil
	}
	return 0, fmt.Errorf("no CapBnd line in process status")
}

// capabilitiesOutside returns the known capabilities whose bit is not set in the bounding set.
func capabilitiesOutside(bounding uint64) map[string]bool {
	missing := map[string]bool{}
	for number, name := range capabilityNames {
		if bounding&(uint64(1)<<uint(number)) == 0 {
			missing[name] = true
		}
	}
	return missing
}

// isMissing reports whether a capability named in a spec is one the host cannot grant.
// Names we do not know are kept: runc judges those itself.
func isMissing(name string, missing map[string]bool) bool {
	number, known := capabilityNumber(name)
	return known && missing[capabilityNames[number]]
}
