module cks-lab.local/runc-clamp

go 1.19
