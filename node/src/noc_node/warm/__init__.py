"""The warm Ansible worker: one process per executor that has imported Ansible once and forks
each run from there, so a run no longer pays a cold ``ansible`` start (~0.8 CPU-s).

``zygote`` is that process, ``child`` what each fork does to become the run, ``worker`` the
node's end (start, launch, crash and fallback), ``terminal`` how ansible-runner sees a forked
run, ``protocol`` what they say to each other, ``title`` how a run names its run directory.
"""
