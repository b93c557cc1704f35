module cks-lab.local/imds

go 1.19
