// perf-reads FILE SECONDS PERF IDLE_THREADS
// Random 8-byte reads over a mapped file (touched first), printed as {"opsPerSec": N} for ../shared/bench/pair.
// PERF 1 opens, before the idle threads start, the exact mode's perf events on this process: the software
// event PAGE_FAULTS_MAJ, sample period 1, inherited by threads, one per CPU with a ring buffer of
// 16 data pages, wake-up every 32 samples, as agent/.../sampling/MajorFaultEvents.java does. It isolates what
// those events cost a hot reader, with no JVM around (docs/benchmarks.md, the exact mode in the large
// configuration). Build: gcc -O2 -o perf-reads perf-reads.c -lpthread
#define _GNU_SOURCE
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static void* idle(void*a){pause();return 0;}
int main(int c,char**v){
  int fd=open(v[1],O_RDONLY); struct stat st; fstat(fd,&st); size_t n=st.st_size;
  double secs=atof(v[2]); int perf=atoi(v[3]); int idle_threads=c>4?atoi(v[4]):0;
  if(perf){
    struct perf_event_attr a; memset(&a,0,sizeof a);
    a.type=PERF_TYPE_SOFTWARE; a.size=sizeof a; a.config=PERF_COUNT_SW_PAGE_FAULTS_MAJ; a.sample_period=1;
    a.sample_type=PERF_SAMPLE_TID|PERF_SAMPLE_TIME|PERF_SAMPLE_ADDR; a.inherit=1; a.exclude_kernel=1; a.exclude_hv=1;
    a.wakeup_events=32; a.use_clockid=1; a.clockid=CLOCK_MONOTONIC; a.inherit_thread=1;
    for(int cpu=0;cpu<sysconf(_SC_NPROCESSORS_ONLN);cpu++){int e=syscall(298,&a,0,cpu,-1,8); if(e<0){perror("perf");return 1;}
      void*r=mmap(0,17*4096,PROT_READ|PROT_WRITE,MAP_SHARED,e,0); if(r==MAP_FAILED){perror("mmap");return 1;}}
  }
  for(int i=0;i<idle_threads;i++){pthread_t t;pthread_create(&t,0,idle,0);}
  volatile uint64_t sink=0; uint64_t x=88172645463325252ULL;
  const char*p=mmap(0,n,PROT_READ,MAP_SHARED,fd,0);
  for(size_t o=0;o<n;o+=4096) sink+=p[o];
  double t0=now(),end=t0+secs; long reads=0;
  while(1){ for(int k=0;k<4096;k++){x^=x<<13;x^=x>>7;x^=x<<17; sink+=*(const uint64_t*)(p+((x%(n/8))*8));} reads+=4096; if(now()>end)break;}
  printf("{\"opsPerSec\": %.0f}\n",reads/(now()-t0)); return 0;
}
