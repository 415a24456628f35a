"""The Nodes page: the execution nodes the scheduler knows, their health and load; admins
relabel, drain, resume and remove them."""
