using Npgsql;
using Talus.Web.Data;

namespace Talus.Web.Tests.Performance;

/// <summary>The pool defaults apply when the connection string does not name them, and what it names is kept. docs/decisions/0018-chart-read-model.md</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void PostgresConnection_NothingNamed_AppliesEveryDefault()
    {
        var csb = new NpgsqlConnectionStringBuilder(Database.PostgresConnection("Host=db;Username=talus"));

        Assert.Equal(40, csb.MaxPoolSize);
        Assert.Equal(4, csb.MinPoolSize);
        Assert.Equal(100, csb.MaxAutoPrepare);
        Assert.Equal(2, csb.AutoPrepareMinUsages);
        Assert.True(csb.NoResetOnClose);
        Assert.False(csb.Multiplexing);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=64;Minimum Pool Size=1;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maximum pool size=64;MINIMUM POOL SIZE=1;max auto prepare=0;NO RESET ON CLOSE=false")]
    public void PostgresConnection_ValuesNamed_KeepsThem(string connection)
    {
        var csb = new NpgsqlConnectionStringBuilder(Database.PostgresConnection(connection));

        Assert.Equal(64, csb.MaxPoolSize);
        Assert.Equal(1, csb.MinPoolSize);
        Assert.Equal(0, csb.MaxAutoPrepare);
        Assert.False(csb.NoResetOnClose);
    }
}
