package main

import "testing"

func TestCapabilityTableMatchesKernelNumbers(t *testing.T) {
	cases := map[string]int{
		"CAP_CHOWN": 0, "CAP_NET_ADMIN": 12, "CAP_SYS_ADMIN": 21, "CAP_SYS_RESOURCE": 24,
		"CAP_AUDIT_READ": 37, "CAP_PERFMON": 38, "CAP_BPF": 39, "CAP_CHECKPOINT_RESTORE": 40,
	}
	for name, want := range cases {
		got, ok := capabilityNumber(name)
		if !ok || got != want {
			t.Errorf("capabilityNumber(%q) = %d, %v; want %d", name, got, ok, want)
		}
	}
	if len(capabilityNames) != 41 {
		t.Errorf("table has %d entries, want 41 (0..CAP_CHECKPOINT_RESTORE)", len(capabilityNames))
	}
}

func TestCapabilityNumberAcceptsLowercaseAndNoPrefix(t *testing.T) {
	if n, ok := capabilityNumber("sys_resource"); !ok || n != 24 {
		t.Fatalf("got %d, %v", n, ok)
	}
	if _, ok := capabilityNumber("CAP_NOT_A_CAP"); ok {
		t.Fatal("unknown name must not resolve")
	}
}

func TestBoundingSetFromStatus(t *testing.T) {
	status := "Name:\tcat\nCapPrm:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\nCapAmb:\t0000000000000000\n"
	mask, err := boundingSetFromStatus(status)
	if err != nil || mask != 0x1fffeffffff {
		t.Fatalf("got %x, %v", mask, err)
	}
	if _, err := boundingSetFromStatus("Name:\tcat\n"); err == nil {
		t.Fatal("status without CapBnd must fail")
	}
	if _, err := boundingSetFromStatus("CapBnd:\tzz\n"); err == nil {
		t.Fatal("non-hex CapBnd must fail")
	}
}

func TestCapabilitiesOutside(t *testing.T) {
	missing := capabilitiesOutside(0x1fffeffffff) // this project's build machine: all but CAP_SYS_RESOURCE
	if len(missing) != 1 || !missing["CAP_SYS_RESOURCE"] {
		t.Fatalf("got %v", missing)
	}
	if len(capabilitiesOutside(0x1ffffffffff)) != 0 {
		t.Fatal("a full bounding set must remove nothing")
	}
	inNode := capabilitiesOutside(0x3ffeffffff) // a node on that machine: also no PERFMON, BPF, CHECKPOINT_RESTORE
	for _, name := range []string{"CAP_SYS_RESOURCE", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"} {
		if !inNode[name] {
			t.Errorf("%s should be missing", name)
		}
	}
	if len(inNode) != 4 {
		t.Errorf("got %v", inNode)
	}
}
