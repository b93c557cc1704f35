# node01 upgraded after its drain, but never uncordoned: the shop's pods have nowhere to run.
wait_node_ready node01
