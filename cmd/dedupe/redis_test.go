package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hibiken/asynq"
)

func TestRedisConnOpt(t *testing.T) {
	tests := []struct {
		name string
		uri  string
		want asynq.RedisConnOpt
	}{
		{"Single", "redis://:secret@redis:6379/2", asynq.RedisClientOpt{Addr: "redis:6379", Password: "secret", DB: 2,
			DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout}},
		{"Sentinel", "redis-sentinel://:sentinel-secret@s1:26379,s2:26379?master=main", asynq.RedisFailoverClientOpt{
			MasterName: "main", SentinelAddrs: []string{"s1:26379", "s2:26379"}, SentinelPassword: "sentinel-secret",
			DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout}},
		{"Cluster", "redis-cluster://n1:7000,n2:7001, n3:7002", asynq.RedisClusterClientOpt{
			Addrs:       []string{"n1:7000", "n2:7001", "n3:7002"},
			DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout}},
		{"ClusterWithCredentials", "redis-cluster://app:p%40ss:word@n1:7000/0", asynq.RedisClusterClientOpt{
			Addrs: []string{"n1:7000"}, Username: "app", Password: "p@ss:word",
			DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := redisConnOpt(tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("redisConnOpt(%q) (-want +got):\n%s", tt.uri, diff)
			}
		})
	}
	for _, bad := range []string{"http://redis:6379", "redis-cluster://", "redis-cluster://n1", "redis-sentinel://s1:26379"} {
		if _, err := redisConnOpt(bad); err == nil {
			t.Errorf("redisConnOpt(%q) accepted it", bad)
		}
	}
}
